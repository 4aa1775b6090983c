package io.strata.rowstore.store;

import io.strata.coordinator.tso.LocalTimestampOracle;
import io.strata.rowstore.command.Mutation;
import io.strata.rowstore.command.RegionCommand;
import io.strata.spi.ErrorCode;
import io.strata.spi.Key;
import io.strata.spi.StrataException;
import io.strata.spi.kv.Transaction;
import io.strata.spi.kv.TxnKv;
import io.strata.spi.kv.TxnOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalStoreTest {
    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyProposalIsAppliedAndGroupsNeverExceedProposals() throws Exception {
        LocalTimestampOracle tso = LocalTimestampOracle.open(dir.resolve("tso"));
        try (LocalStore store = LocalStore.open(dir.resolve("store"), tso, StoreOptions.defaults())) {
            List<CompletableFuture<Object>> futures = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                long start = tso.next().version();
                byte[] key = b("k" + i);
                futures.add(store.propose(new RegionCommand.Prewrite(List.of(Mutation.put(key, b("v" + i))), key, start, 3000, 0)));
            }
            for (CompletableFuture<Object> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            LocalStore.Stats stats = store.stats();
            assertEquals(500, stats.commandsApplied());
            assertTrue(stats.groupsApplied() >= 1 && stats.groupsApplied() <= 500, stats.toString());
        }
    }

    @Test
    void failedCommandsDoNotFailTheirGroup() throws Exception {
        try (LocalStore store = LocalStore.inMemory(LocalTimestampOracle.open(dir))) {
            CompletableFuture<Object> bad = store.propose(new RegionCommand.Commit(List.of(b("nolock")), 1, 2));
            CompletableFuture<Object> good = store.propose(new RegionCommand.Prewrite(List.of(Mutation.put(b("a"), b("1"))), b("a"), 3, 3000, 0));
            ExecutionException e = assertThrows(ExecutionException.class, () -> bad.get(30, TimeUnit.SECONDS));
            assertInstanceOf(io.strata.rowstore.mvcc.TxnLockNotFoundException.class, e.getCause());
            good.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void closeIsIdempotentAndLaterUseFailsWithShutdown() {
        LocalStore store = LocalStore.inMemory(LocalTimestampOracle.open(dir));
        TxnKv kv = store.txnKv();
        try (Transaction t = kv.begin(TxnOptions.DEFAULT)) {
            t.put(Key.of(b("k")), b("v"));
            t.commit();
        }
        Transaction open = kv.begin(TxnOptions.DEFAULT);
        kv.close(); // closes the store
        store.close();
        store.close();
        StrataException e = assertThrows(StrataException.class, () -> open.get(Key.of(b("k"))));
        assertEquals(ErrorCode.SERVER_SHUTDOWN, e.code());
        assertThrows(StrataException.class, () -> kv.begin(TxnOptions.DEFAULT));
        ExecutionException pe = assertThrows(ExecutionException.class,
                () -> store.propose(new RegionCommand.Rollback(List.of(b("k")), 1)).get(10, TimeUnit.SECONDS));
        assertInstanceOf(StrataException.class, pe.getCause());
    }

    @Test
    void gcRemovesOldVersionsButNotWhatAnOpenTransactionSees() {
        try (LocalStore store = LocalStore.inMemory(LocalTimestampOracle.open(dir))) {
            TxnKv kv = store.txnKv();
            int keys = LocalStore.GC_CHUNK_KEYS + 100; // more than one chunk
            for (int version = 0; version < 3; version++) {
                try (Transaction t = kv.begin(TxnOptions.DEFAULT)) {
                    for (int i = 0; i < keys; i++) {
                        t.put(Key.of(b("k" + i)), b("v" + version));
                    }
                    t.commit();
                }
            }
            Transaction old = kv.begin(TxnOptions.DEFAULT); // pins the safe point at version 2
            try (Transaction t = kv.begin(TxnOptions.DEFAULT)) {
                t.put(Key.of(b("k0")), b("v3"));
                t.commit();
            }
            assertEquals(2L * keys, store.gc(), "versions 0 and 1 of every key");
            assertArrayEquals(b("v2"), old.get(Key.of(b("k0"))));
            assertArrayEquals(b("v2"), old.get(Key.of(b("k" + (keys - 1)))));
            old.rollback();
            assertEquals(1L, store.gc(), "version 2 of k0, now hidden by version 3");
            try (Transaction t = kv.begin(TxnOptions.DEFAULT)) {
                assertArrayEquals(b("v3"), t.get(Key.of(b("k0"))));
                assertArrayEquals(b("v2"), t.get(Key.of(b("k1"))));
            }
        }
    }

    @Test
    void destroyRangeRemovesEveryVersionValueAndLockInTheRangeOnly() {
        LocalTimestampOracle tso = LocalTimestampOracle.open(dir.resolve("tso"));
        try (LocalStore store = LocalStore.open(dir.resolve("store"), tso, StoreOptions.defaults())) {
            TxnKv kv = store.txnKv();
            byte[] longValue = new byte[4096]; // stored in the default CF, not inline in the commit record
            long afterFirst = 0;
            for (int version = 0; version < 2; version++) {
                try (Transaction t = kv.begin(TxnOptions.DEFAULT)) {
                    t.put(Key.of(b("a1")), b("v" + version));
                    t.put(Key.of(b("a2")), longValue);
                    t.put(Key.of(b("b1")), b("v" + version));
                    t.put(Key.of(b("a")), b("edge")); // the range's start key itself
                    t.commit();
                }
                afterFirst = afterFirst == 0 ? tso.next().version() : afterFirst;
            }
            // a lock left by a transaction that never committed
            store.execute(new RegionCommand.Prewrite(List.of(Mutation.put(b("a3"), b("x"))), b("a3"), tso.next().version(), 60_000, 0));
            assertTrue(store.reader().loadLock(io.strata.rowstore.mvcc.MvccKeys.encode(b("a3"))) != null);

            kv.unsafeDestroyRange(Key.of(b("a")), Key.of(b("b")));

            assertEquals(null, store.reader().loadLock(io.strata.rowstore.mvcc.MvccKeys.encode(b("a3"))));
            try (Transaction t = kv.begin(TxnOptions.DEFAULT)) {
                try (var it = t.scan(Key.of(b("a")), Key.of(b("b")))) {
                    assertTrue(!it.hasNext(), "nothing left in [a, b)");
                }
                assertEquals(null, t.get(Key.of(b("a3"))));
                assertArrayEquals(b("v1"), t.get(Key.of(b("b1"))));
            }
            // no version is left behind (a transactional delete would leave the first version readable)
            try (var it = store.reader().scan(Key.of(b("a")), Key.of(b("b")), afterFirst, 0, false)) {
                assertTrue(!it.hasNext());
            }
            try (var it = store.reader().scan(Key.of(b("b")), Key.of(b("c")), afterFirst, 0, false)) {
                assertArrayEquals(b("v0"), it.next().value());
            }
        }
    }

    @Test
    void reopenedStoreContinuesWhereItStopped() {
        Path storeDir = dir.resolve("store");
        LocalTimestampOracle tso = LocalTimestampOracle.open(dir.resolve("tso"));
        try (LocalStore store = LocalStore.open(storeDir, tso, StoreOptions.defaults())) {
            try (Transaction t = store.txnKv().begin(TxnOptions.DEFAULT)) {
                t.put(Key.of(b("k")), b("v1"));
                t.commit();
            }
        }
        try (LocalStore store = LocalStore.open(storeDir, LocalTimestampOracle.open(dir.resolve("tso")), StoreOptions.defaults())) {
            try (Transaction t = store.txnKv().begin(TxnOptions.DEFAULT)) {
                assertArrayEquals(b("v1"), t.get(Key.of(b("k"))));
                t.put(Key.of(b("k")), b("v2"));
                t.commit();
            }
            try (Transaction t = store.txnKv().begin(TxnOptions.DEFAULT)) {
                assertArrayEquals(b("v2"), t.get(Key.of(b("k"))));
                assertTrue(t.scan(Key.of(b("z")), Key.of(b("a"))).hasNext() == false, "inverted range is empty");
            }
        }
    }
}
