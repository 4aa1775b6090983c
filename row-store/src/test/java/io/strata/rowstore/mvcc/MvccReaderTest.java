package io.strata.rowstore.mvcc;

import io.strata.rowstore.command.Mutation;
import io.strata.rowstore.command.RegionCommand;
import io.strata.rowstore.engine.MemoryKvEngine;
import io.strata.rowstore.region.ApplyResult;
import io.strata.rowstore.region.RegionStateMachine;
import io.strata.spi.Key;
import io.strata.spi.kv.KvIterator;
import io.strata.spi.kv.KvPair;
import io.strata.spi.region.Region;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MvccReaderTest {
    private final MemoryKvEngine engine = new MemoryKvEngine();
    private final RegionStateMachine sm = new RegionStateMachine(engine,
            new Region(1, Key.EMPTY, Key.EMPTY, new Region.RegionEpoch(1, 1), List.of()));
    private final MvccReader reader = new MvccReader(engine);

    @AfterEach
    void close() {
        engine.close();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void apply(RegionCommand c) {
        ApplyResult r = sm.apply(List.of(c), false);
        if (r.outcomes().get(0) instanceof RuntimeException e) {
            throw e;
        }
    }

    private void commitPut(byte[] key, byte[] value, long start, long commit) {
        apply(new RegionCommand.Prewrite(List.of(Mutation.put(key, value)), key, start, 3000, 0));
        apply(new RegionCommand.Commit(List.of(key), start, commit));
    }

    private void commitDelete(byte[] key, long start, long commit) {
        apply(new RegionCommand.Prewrite(List.of(Mutation.delete(key)), key, start, 3000, 0));
        apply(new RegionCommand.Commit(List.of(key), start, commit));
    }

    @Test
    void keyEncodingIsOrderPreservingAndPrefixFree() {
        Random rnd = new Random(7);
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] k = new byte[rnd.nextInt(20)];
            rnd.nextBytes(k);
            keys.add(k);
        }
        keys.add(b("a"));
        keys.add(new byte[]{'a', 0});
        for (byte[] x : keys) {
            assertArrayEquals(x, MvccKeys.decode(MvccKeys.encode(x)));
            for (byte[] y : keys) {
                int plain = Integer.signum(Arrays.compareUnsigned(x, y));
                // versions of x and y compare like x and y, whatever the timestamps
                byte[] vx = MvccKeys.withTs(MvccKeys.encode(x), rnd.nextLong());
                byte[] vy = MvccKeys.withTs(MvccKeys.encode(y), rnd.nextLong());
                if (plain != 0) {
                    assertEquals(plain, Integer.signum(Arrays.compareUnsigned(vx, vy)));
                }
            }
        }
        byte[] enc = MvccKeys.encode(b("k"));
        assertTrue(Arrays.compareUnsigned(MvccKeys.withTs(enc, 20), MvccKeys.withTs(enc, 10)) < 0, "newer sorts first");
        assertEquals(12345L, MvccKeys.tsOf(MvccKeys.withTs(enc, 12345L)));
    }

    @Test
    void readsTheNewestVersionAtOrBelowTheReadTimestamp() {
        byte[] k = b("k");
        commitPut(k, b("v1"), 10, 20);
        commitPut(k, b("v2"), 30, 40);
        commitDelete(k, 50, 60);
        commitPut(k, b("v3"), 70, 80);
        assertNull(reader.get(k, 15, 0));
        assertNull(reader.get(k, 19, 0));
        assertArrayEquals(b("v1"), reader.get(k, 20, 0));
        assertArrayEquals(b("v1"), reader.get(k, 39, 0));
        assertArrayEquals(b("v2"), reader.get(k, 40, 0));
        assertNull(reader.get(k, 65, 0));
        assertArrayEquals(b("v3"), reader.get(k, 1000, 0));
        assertNull(reader.get(b("other"), 1000, 0));
    }

    @Test
    void rollbackAndLockRecordsAreSkipped() {
        byte[] k = b("k");
        commitPut(k, b("v1"), 10, 20);
        apply(new RegionCommand.Prewrite(List.of(Mutation.put(k, b("never"))), k, 30, 3000, 0));
        apply(new RegionCommand.Rollback(List.of(k), 30));
        apply(new RegionCommand.Prewrite(List.of(Mutation.lock(k)), k, 40, 3000, 0));
        apply(new RegionCommand.Commit(List.of(k), 40, 50));
        assertArrayEquals(b("v1"), reader.get(k, 100, 0));
        try (KvIterator it = reader.scan(Key.EMPTY, Key.EMPTY, 100, 0, false)) {
            KvPair p = it.next();
            assertArrayEquals(b("v1"), p.value());
        }
    }

    @Test
    void longValuesLiveInTheDefaultFamily() {
        byte[] k = b("big");
        byte[] v = new byte[RegionStateMachine.SHORT_VALUE_MAX + 100];
        new Random(3).nextBytes(v);
        commitPut(k, v, 10, 20);
        assertArrayEquals(v, reader.get(k, 25, 0));
        byte[] v2 = new byte[RegionStateMachine.SHORT_VALUE_MAX];
        commitPut(k, v2, 30, 40);
        assertArrayEquals(v2, reader.get(k, 45, 0));
        assertArrayEquals(v, reader.get(k, 35, 0));
    }

    @Test
    void prewriteLockBlocksReadersAtOrAboveItsStartTs() {
        byte[] k = b("k");
        commitPut(k, b("v1"), 10, 20);
        apply(new RegionCommand.Prewrite(List.of(Mutation.put(k, b("v2"))), k, 30, 3000, 0));
        assertArrayEquals(b("v1"), reader.get(k, 25, 0), "lock above the read ts does not block");
        KeyIsLockedException e = assertThrows(KeyIsLockedException.class, () -> reader.get(k, 35, 0));
        assertEquals(30, e.lock().startTs());
        assertArrayEquals(k, e.key());
        assertArrayEquals(b("v1"), reader.get(k, 35, 30), "own lock does not block");
        assertThrows(KeyIsLockedException.class, () -> reader.scan(Key.EMPTY, Key.EMPTY, 35, 0, false));
        assertThrows(KeyIsLockedException.class, () -> reader.scan(Key.EMPTY, Key.EMPTY, 35, 0, true));
    }

    @Test
    void pessimisticAndLockOnlyLocksDoNotBlockReaders() {
        byte[] k = b("k");
        commitPut(k, b("v1"), 10, 20);
        apply(new RegionCommand.AcquirePessimisticLock(List.of(k), k, 30, 30, 20_000));
        assertArrayEquals(b("v1"), reader.get(k, 35, 0));
        apply(new RegionCommand.Prewrite(List.of(Mutation.lock(k)), k, 30, 3000, 30));
        assertArrayEquals(b("v1"), reader.get(k, 35, 0));
    }

    @Test
    void scansForwardAndReverseMatchAModel() {
        Random rnd = new Random(11);
        TreeMap<Key, byte[]> model = new TreeMap<>();
        long ts = 100;
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            byte[] k = new byte[1 + rnd.nextInt(3)];
            rnd.nextBytes(k);
            keys.add(k);
        }
        keys.add(b("a"));
        keys.add(new byte[]{'a', 0});
        keys.add(new byte[]{'a', 0, 0});
        for (int round = 0; round < 400; round++) {
            byte[] k = keys.get(rnd.nextInt(keys.size()));
            long start = ts++;
            long commit = ts++;
            switch (rnd.nextInt(4)) {
                case 0, 1 -> {
                    byte[] v = new byte[rnd.nextInt(400)];
                    rnd.nextBytes(v);
                    commitPut(k, v, start, commit);
                    model.put(Key.of(k), v);
                }
                case 2 -> {
                    commitDelete(k, start, commit);
                    model.remove(Key.of(k));
                }
                default -> {
                    apply(new RegionCommand.Prewrite(List.of(Mutation.put(k, b("x"))), k, start, 3000, 0));
                    apply(new RegionCommand.Rollback(List.of(k), start));
                }
            }
        }
        long readTs = ts++;
        for (int q = 0; q < 50; q++) {
            Key a = Key.of(keys.get(rnd.nextInt(keys.size())));
            Key z = rnd.nextInt(5) == 0 ? Key.EMPTY : Key.of(keys.get(rnd.nextInt(keys.size())));
            if (!z.isEmpty() && z.compareTo(a) < 0) {
                Key t = a;
                a = z;
                z = t;
            }
            var expected = z.isEmpty() ? model.tailMap(a, true) : model.subMap(a, true, z, false);
            assertEquals(new ArrayList<>(expected.keySet()), keysOf(reader.scan(a, z, readTs, 0, false), expected), "forward " + a + ".." + z);
            assertEquals(new ArrayList<>(expected.descendingMap().keySet()), keysOf(reader.scan(a, z, readTs, 0, true), expected), "reverse " + a + ".." + z);
        }
    }

    private static List<Key> keysOf(KvIterator it, java.util.Map<Key, byte[]> expected) {
        List<Key> out = new ArrayList<>();
        try (it) {
            while (it.hasNext()) {
                KvPair p = it.next();
                assertArrayEquals(expected.get(p.key()), p.value(), "value of " + p.key());
                out.add(p.key());
            }
        }
        return out;
    }

    @Test
    void scanAtAnOldTimestampSeesTheOldState() {
        commitPut(b("a"), b("a1"), 10, 11);
        commitPut(b("b"), b("b1"), 12, 13);
        commitDelete(b("a"), 14, 15);
        commitPut(b("c"), b("c1"), 16, 17);
        assertEquals(List.of(Key.of(b("a")), Key.of(b("b"))), plainKeys(reader.scan(Key.EMPTY, Key.EMPTY, 14, 0, false)));
        assertEquals(List.of(Key.of(b("c")), Key.of(b("b"))), plainKeys(reader.scan(Key.EMPTY, Key.EMPTY, 20, 0, true)));
        assertEquals(List.of(Key.of(b("b"))), plainKeys(reader.scan(Key.of(b("b")), Key.of(b("c")), 20, 0, true)));
    }

    private static List<Key> plainKeys(KvIterator it) {
        List<Key> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(p -> out.add(p.key()));
        }
        return out;
    }
}
