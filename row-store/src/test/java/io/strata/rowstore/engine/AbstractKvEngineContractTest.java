package io.strata.rowstore.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The behaviour every {@link KvEngine} must have; run against each implementation. */
abstract class AbstractKvEngineContractTest {
    protected KvEngine engine;

    protected abstract KvEngine createEngine() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        engine = createEngine();
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private void putAll(ColumnFamily cf, String... keys) {
        WriteBatch batch = new WriteBatch();
        for (String k : keys) {
            batch.put(cf, b(k), b("v" + k));
        }
        engine.write(batch, false);
    }

    private List<String> walk(EngineIterator it, boolean forward) {
        List<String> out = new ArrayList<>();
        while (it.valid()) {
            out.add(s(it.key()));
            if (forward) {
                it.next();
            } else {
                it.prev();
            }
        }
        return out;
    }

    @Test
    void putGetDelete() {
        assertNull(engine.get(ColumnFamily.DEFAULT, b("a")));
        engine.write(new WriteBatch().put(ColumnFamily.DEFAULT, b("a"), b("1")), true);
        assertArrayEquals(b("1"), engine.get(ColumnFamily.DEFAULT, b("a")));
        engine.write(new WriteBatch().delete(ColumnFamily.DEFAULT, b("a")), true);
        assertNull(engine.get(ColumnFamily.DEFAULT, b("a")));
    }

    @Test
    void columnFamiliesAreSeparate() {
        engine.write(new WriteBatch().put(ColumnFamily.LOCK, b("k"), b("lock")).put(ColumnFamily.WRITE, b("k"), b("write")), false);
        assertArrayEquals(b("lock"), engine.get(ColumnFamily.LOCK, b("k")));
        assertArrayEquals(b("write"), engine.get(ColumnFamily.WRITE, b("k")));
        assertNull(engine.get(ColumnFamily.DEFAULT, b("k")));
        assertNull(engine.get(ColumnFamily.RAFT, b("k")));
    }

    @Test
    void batchAppliesInOrderAndAllTogether() {
        WriteBatch batch = new WriteBatch()
                .put(ColumnFamily.DEFAULT, b("x"), b("1"))
                .put(ColumnFamily.DEFAULT, b("x"), b("2"))
                .put(ColumnFamily.WRITE, b("y"), b("3"))
                .delete(ColumnFamily.DEFAULT, b("z"));
        assertEquals(4, batch.size());
        engine.write(batch, true);
        assertArrayEquals(b("2"), engine.get(ColumnFamily.DEFAULT, b("x")));
        assertArrayEquals(b("3"), engine.get(ColumnFamily.WRITE, b("y")));
    }

    @Test
    void orderIsUnsignedLexicographic() {
        WriteBatch batch = new WriteBatch();
        byte[][] keys = {{0x01}, {(byte) 0x80}, {(byte) 0xFF}, {0x01, 0x00}, {0x7F}};
        for (byte[] k : keys) {
            batch.put(ColumnFamily.DEFAULT, k, new byte[]{1});
        }
        engine.write(batch, false);
        List<byte[]> seen = new ArrayList<>();
        try (EngineIterator it = engine.iterator(ColumnFamily.DEFAULT, null, null)) {
            for (it.seekToFirst(); it.valid(); it.next()) {
                seen.add(it.key());
            }
        }
        assertEquals(5, seen.size());
        assertArrayEquals(new byte[]{0x01}, seen.get(0));
        assertArrayEquals(new byte[]{0x01, 0x00}, seen.get(1));
        assertArrayEquals(new byte[]{0x7F}, seen.get(2));
        assertArrayEquals(new byte[]{(byte) 0x80}, seen.get(3));
        assertArrayEquals(new byte[]{(byte) 0xFF}, seen.get(4));
    }

    @Test
    void forwardAndReverseIterationWithoutBounds() {
        putAll(ColumnFamily.WRITE, "a", "c", "e", "g");
        try (EngineIterator it = engine.iterator(ColumnFamily.WRITE, null, null)) {
            it.seekToFirst();
            assertEquals(List.of("a", "c", "e", "g"), walk(it, true));
            it.seekToLast();
            assertEquals(List.of("g", "e", "c", "a"), walk(it, false));
            it.seek(b("d"));
            assertEquals("e", s(it.key()));
            assertArrayEquals(b("ve"), it.value());
            it.seekForPrev(b("d"));
            assertEquals("c", s(it.key()));
            it.seekForPrev(b("c"));
            assertEquals("c", s(it.key()));
            it.seek(b("h"));
            assertFalse(it.valid());
            it.seekForPrev(b("0"));
            assertFalse(it.valid());
        }
    }

    @Test
    void boundsAreLowerInclusiveUpperExclusive() {
        putAll(ColumnFamily.WRITE, "a", "b", "c", "d", "e");
        try (EngineIterator it = engine.iterator(ColumnFamily.WRITE, b("b"), b("d"))) {
            it.seekToFirst();
            assertEquals(List.of("b", "c"), walk(it, true));
            it.seekToLast();
            assertEquals(List.of("c", "b"), walk(it, false));
            it.seek(b("a"));
            assertEquals("b", s(it.key()));
            it.seekForPrev(b("z"));
            assertEquals("c", s(it.key()));
            it.seek(b("d"));
            assertFalse(it.valid());
        }
        try (EngineIterator it = engine.iterator(ColumnFamily.WRITE, b("c"), null)) {
            it.seekToFirst();
            assertEquals(List.of("c", "d", "e"), walk(it, true));
        }
        try (EngineIterator it = engine.iterator(ColumnFamily.WRITE, null, b("c"))) {
            it.seekToLast();
            assertEquals(List.of("b", "a"), walk(it, false));
        }
    }

    @Test
    void emptyRangeIsInvalidAtOnce() {
        putAll(ColumnFamily.DEFAULT, "a", "b");
        try (EngineIterator it = engine.iterator(ColumnFamily.DEFAULT, b("x"), b("y"))) {
            it.seekToFirst();
            assertFalse(it.valid());
            it.seekToLast();
            assertFalse(it.valid());
        }
    }

    @Test
    void returnedArraysBelongToTheCaller() {
        engine.write(new WriteBatch().put(ColumnFamily.DEFAULT, b("k"), b("value")), false);
        byte[] v = engine.get(ColumnFamily.DEFAULT, b("k"));
        v[0] = 'X';
        assertArrayEquals(b("value"), engine.get(ColumnFamily.DEFAULT, b("k")));
    }

    @Test
    void closeWithAnOpenIteratorIsSafeAndLaterCallsFail() {
        putAll(ColumnFamily.DEFAULT, "a", "b");
        EngineIterator it = engine.iterator(ColumnFamily.DEFAULT, null, null);
        it.seekToFirst();
        assertTrue(it.valid());
        engine.close();
        engine.close(); // idempotent
        org.junit.jupiter.api.Assertions.assertThrows(EngineException.class, () -> engine.get(ColumnFamily.DEFAULT, b("a")));
        org.junit.jupiter.api.Assertions.assertThrows(EngineException.class,
                () -> engine.write(new WriteBatch().put(ColumnFamily.DEFAULT, b("c"), b("c")), false));
        org.junit.jupiter.api.Assertions.assertThrows(EngineException.class, () -> engine.iterator(ColumnFamily.DEFAULT, null, null));
        it.close();
    }

    @Test
    void manyKeysSeekFindsEachOne() {
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < 1000; i += 2) {
            batch.put(ColumnFamily.DEFAULT, b(String.format("k%05d", i)), b(Integer.toString(i)));
        }
        engine.write(batch, true);
        try (EngineIterator it = engine.iterator(ColumnFamily.DEFAULT, null, null)) {
            for (int i = 1; i < 999; i += 2) {
                it.seek(b(String.format("k%05d", i)));
                assertTrue(it.valid());
                assertEquals(String.format("k%05d", i + 1), s(it.key()));
            }
        }
    }
}
