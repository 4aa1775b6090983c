package io.strata.spi.codec;

import io.strata.spi.Key;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableCodecTest {
    @Test
    void rowKeysRoundTripAndOrderByTableThenHandle() {
        Random rnd = new Random(9);
        List<long[]> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(new long[]{rnd.nextInt(4), rnd.nextBoolean() ? rnd.nextLong() : rnd.nextInt(100) - 50});
        }
        List<Key> keys = new ArrayList<>();
        for (long[] id : ids) {
            Key k = TableCodec.rowKey(id[0], id[1]);
            assertTrue(TableCodec.isRowKey(k));
            assertEquals(id[0], TableCodec.decodeTableId(k));
            assertEquals(id[1], TableCodec.decodeHandle(k));
            assertTrue(k.startsWith(TableCodec.rowPrefix(id[0])));
            assertTrue(k.startsWith(TableCodec.tablePrefix(id[0])));
            keys.add(k);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            order.add(i);
        }
        List<Integer> byKey = new ArrayList<>(order);
        byKey.sort((a, b) -> keys.get(a).compareTo(keys.get(b)));
        List<Integer> byValue = new ArrayList<>(order);
        byValue.sort((a, b) -> {
            int c = Long.compare(ids.get(a)[0], ids.get(b)[0]);
            return c != 0 ? c : Long.compare(ids.get(a)[1], ids.get(b)[1]);
        });
        for (int i = 0; i < byKey.size(); i++) {
            assertEquals(0, keys.get(byKey.get(i)).compareTo(keys.get(byValue.get(i))));
        }
    }

    @Test
    void rowsOfATableAreContiguousAndApartFromItsIndexes() {
        Key rowPrefix = TableCodec.rowPrefix(7);
        Key row = TableCodec.rowKey(7, Long.MAX_VALUE);
        Key index = TableCodec.indexKey(7, 1, List.of("a"), 3L);
        Key otherTable = TableCodec.rowKey(8, Long.MIN_VALUE);
        assertTrue(row.compareTo(rowPrefix.prefixNext()) < 0);
        assertFalse(index.startsWith(rowPrefix));
        assertTrue(otherTable.compareTo(TableCodec.tablePrefix(7).prefixNext()) >= 0);
        assertFalse(TableCodec.isRowKey(index));
    }

    @Test
    void indexKeysOrderByValuesThenHandle() {
        List<Object[]> entries = new ArrayList<>();
        Random rnd = new Random(4);
        for (int i = 0; i < 200; i++) {
            entries.add(new Object[]{rnd.nextInt(3) == 0 ? null : (long) rnd.nextInt(10) - 5, "v" + rnd.nextInt(4), (long) rnd.nextInt(1000)});
        }
        List<Key> keys = new ArrayList<>();
        for (Object[] e : entries) {
            Key k = TableCodec.indexKey(3, 2, java.util.Arrays.asList(e[0], e[1]), (Long) e[2]);
            assertTrue(k.startsWith(TableCodec.indexPrefix(3, 2)));
            assertEquals((long) (Long) e[2], TableCodec.decodeIndexKeyHandle(k));
            keys.add(k);
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            idx.add(i);
        }
        List<Integer> byKey = new ArrayList<>(idx);
        byKey.sort((a, b) -> keys.get(a).compareTo(keys.get(b)));
        for (int i = 1; i < byKey.size(); i++) {
            Object[] x = entries.get(byKey.get(i - 1));
            Object[] y = entries.get(byKey.get(i));
            int c = compareNullsFirst((Long) x[0], (Long) y[0]);
            if (c == 0) {
                c = ((String) x[1]).compareTo((String) y[1]);
            }
            if (c == 0) {
                c = Long.compare((Long) x[2], (Long) y[2]);
            }
            assertTrue(c <= 0, "index order broken");
        }
    }

    private static int compareNullsFirst(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return Long.compare(a, b);
    }

    @Test
    void uniqueIndexValueAndMetaKeysRoundTrip() {
        assertEquals(-42L, TableCodec.decodeHandleValue(TableCodec.encodeHandleValue(-42L)));
        Key meta = TableCodec.metaKey("schema/db1/t1");
        assertEquals("schema/db1/t1", TableCodec.decodeMetaKey(meta));
        assertTrue(TableCodec.metaKey("a").compareTo(TableCodec.metaKey("b")) < 0);
        assertTrue(TableCodec.metaKey("zzz").compareTo(TableCodec.tablePrefix(Long.MIN_VALUE)) < 0, "meta keys sort before table keys");
    }
}
