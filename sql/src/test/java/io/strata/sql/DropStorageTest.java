package io.strata.sql;

import io.strata.optimizer.catalog.TableDef;
import io.strata.spi.Key;
import io.strata.spi.codec.TableCodec;
import io.strata.spi.kv.KvIterator;
import io.strata.spi.kv.Transaction;
import io.strata.spi.kv.TxnKv;
import io.strata.spi.kv.TxnOptions;
import io.strata.sql.catalog.RangeDestroyer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DROP TABLE, TRUNCATE and DROP INDEX change only the catalog in their transaction; the data is
 * destroyed afterwards by the delete-range worker, once no snapshot older than the DDL is open,
 * and a pending destruction survives a restart.
 */
class DropStorageTest extends HarnessTest {

    private TxnKv kv() {
        return h.engine.services().kv();
    }

    private RangeDestroyer destroyer() {
        return h.engine.services().catalog().destroyer();
    }

    private TableDef table(String name) {
        try (Transaction t = kv().begin(TxnOptions.DEFAULT)) {
            return h.engine.services().catalog().current(t).table("test", name).orElseThrow();
        }
    }

    /** Keys under {@code prefix} a new snapshot sees (a dropped table's keys stay until destroyed). */
    private int keysUnder(Key prefix) {
        int n = 0;
        try (Transaction t = kv().begin(TxnOptions.DEFAULT); KvIterator it = t.scan(prefix, prefix.prefixNext())) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    private static void fill(SqlHarness.Session s, String table, int rows) {
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= rows; i++) {
            values.append(i == 1 ? "" : ",").append("(").append(i).append(",").append(i % 7).append(")");
        }
        s.exec("INSERT INTO " + table + " VALUES " + values);
    }

    @Test
    void dropFreesTheStorageOnceNoOlderSnapshotCanReadIt() {
        h = SqlHarness.inMemory(dir);
        SqlHarness.Session s = h.session();
        s.exec("CREATE TABLE t (a INT PRIMARY KEY, b INT, KEY ib (b))");
        s.exec("CREATE TABLE u (a INT PRIMARY KEY, b INT)");
        fill(s, "t", 300);
        fill(s, "u", 10);
        Key t = TableCodec.tablePrefix(table("t").id());
        Key u = TableCodec.tablePrefix(table("u").id());
        assertEquals(600, keysUnder(t), "300 rows and 300 index entries");

        Transaction old = kv().begin(TxnOptions.DEFAULT); // a snapshot from before the DROP
        s.exec("DROP TABLE t");
        assertEquals(0, destroyer().runOnce(), "the old snapshot may still read the table");
        assertEquals(600, keysUnder(t));
        assertNotNull(old.get(TableCodec.rowKey(table("u").id(), 1)));
        try (KvIterator it = old.scan(t, t.prefixNext())) {
            assertTrue(it.hasNext(), "the old snapshot still reads the dropped table's rows");
        }
        old.rollback();

        destroyer().runOnce(); // or the background worker already did
        assertEquals(0, keysUnder(t));
        assertEquals(10, keysUnder(u), "other tables are untouched");
        assertEquals(0, destroyer().runOnce(), "the job is gone");
        s.exec("CREATE TABLE t (a INT PRIMARY KEY, b INT)");
        assertEquals(0L, ((Number) s.value("SELECT COUNT(*) FROM t")).longValue());
    }

    @Test
    void truncateAndDropIndexFreeTheirRanges() {
        h = SqlHarness.inMemory(dir);
        SqlHarness.Session s = h.session();
        s.exec("CREATE TABLE t (a INT PRIMARY KEY, b INT, KEY ib (b))");
        fill(s, "t", 100);
        TableDef before = table("t");
        s.exec("TRUNCATE TABLE t");
        destroyer().runOnce();
        assertEquals(0, keysUnder(TableCodec.tablePrefix(before.id())));
        fill(s, "t", 20);
        TableDef after = table("t");
        long ib = after.indexes().stream().filter(i -> i.name().equals("ib")).findFirst().orElseThrow().id();
        assertEquals(20, keysUnder(TableCodec.indexPrefix(after.id(), ib)));
        s.exec("ALTER TABLE t DROP INDEX ib");
        destroyer().runOnce();
        assertEquals(0, keysUnder(TableCodec.indexPrefix(after.id(), ib)));
        assertEquals(20, keysUnder(TableCodec.tablePrefix(after.id())), "the rows stay");
        assertEquals(20L, ((Number) s.value("SELECT COUNT(*) FROM t WHERE b >= 0")).longValue());
    }

    @Test
    void aPendingDestructionSurvivesARestart() {
        h = SqlHarness.onDisk(dir);
        SqlHarness.Session s = h.session();
        s.exec("CREATE TABLE t (a INT PRIMARY KEY, b INT)");
        fill(s, "t", 50);
        Key t = TableCodec.tablePrefix(table("t").id());
        kv().begin(TxnOptions.DEFAULT); // never finished: keeps the range until the process ends
        s.exec("DROP TABLE t");
        assertEquals(0, destroyer().runOnce());
        assertEquals(50, keysUnder(t));
        h.close();
        h = SqlHarness.onDisk(dir);
        destroyer().runOnce();
        assertEquals(0, keysUnder(t));
    }
}
