package io.strata.rowstore.txn;

import io.strata.coordinator.tso.LocalTimestampOracle;
import io.strata.rowstore.command.Mutation;
import io.strata.rowstore.command.RegionCommand;
import io.strata.rowstore.store.LocalStore;
import io.strata.spi.ErrorCode;
import io.strata.spi.Key;
import io.strata.spi.StrataException;
import io.strata.spi.TimestampOracle;
import io.strata.spi.kv.IsolationLevel;
import io.strata.spi.kv.KvIterator;
import io.strata.spi.kv.KvPair;
import io.strata.spi.kv.Transaction;
import io.strata.spi.kv.TxnKv;
import io.strata.spi.kv.TxnOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@link TxnKv} contract, run against the RocksDB-backed and the in-memory store. */
abstract class AbstractTxnKvContractTest {
    static final TxnOptions RR = new TxnOptions(IsolationLevel.REPEATABLE_READ, Duration.ofSeconds(30), false);
    static final TxnOptions RC = new TxnOptions(IsolationLevel.READ_COMMITTED, Duration.ofSeconds(30), false);

    @TempDir
    Path dir;

    /** Added to the wall clock the TSO reads: lets a test age locks past their TTL without sleeping. */
    final AtomicLong clockSkew = new AtomicLong();
    TimestampOracle tso;
    LocalStore store;
    TxnKv kv;
    ExecutorService pool;

    protected abstract LocalStore openStore(Path dir, TimestampOracle tso);

    @BeforeEach
    void setUp() {
        tso = new LocalTimestampOracle(dir.resolve("tso"), () -> System.currentTimeMillis() + clockSkew.get(), Duration.ofSeconds(3));
        store = openStore(dir, tso);
        kv = store.txnKv();
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        kv.close();
        store.close(); // idempotent
    }

    /**
     * Snapshot reads against commits in flight: a reader whose read timestamp is above a commit's
     * timestamp sees that commit, one below does not. A one-phase commit takes its timestamp before
     * its records are applied, so this fails unless readers wait for its memory locks.
     */
    @Test
    void readersAboveACommitTimestampSeeTheCommit() throws Exception {
        int commits = 200;
        long[] commitTs = new long[commits + 1];
        commitValues("n", "0"); // commitTs[0] = 0: below every read
        AtomicBoolean done = new AtomicBoolean();
        Future<?> writer = pool.submit(() -> {
            for (int i = 1; i <= commits; i++) {
                try (Transaction t = kv.begin(RR)) {
                    t.put(k("n"), v(Integer.toString(i)));
                    commitTs[i] = t.commit();
                }
            }
            done.set(true);
            return null;
        });
        List<long[]> seen = new ArrayList<>(); // {read timestamp, value seen}
        while (!done.get()) {
            try (Transaction t = kv.begin(RR)) {
                seen.add(new long[]{t.readTs(), Long.parseLong(str(t.get(k("n"))))});
            }
        }
        writer.get(60, TimeUnit.SECONDS);
        for (long[] s : seen) {
            int value = (int) s[1];
            assertTrue(commitTs[value] < s[0], "value " + value + " committed at or after the read at " + s[0]);
            if (value < commits) {
                assertTrue(commitTs[value + 1] > s[0], "read at " + s[0] + " missed value " + (value + 1)
                        + " committed at " + commitTs[value + 1]);
            }
        }
    }

    static Key k(String s) {
        return Key.of(s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] v(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String str(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    void commitValues(String... kvs) {
        try (Transaction t = kv.begin(RR)) {
            for (int i = 0; i < kvs.length; i += 2) {
                t.put(k(kvs[i]), v(kvs[i + 1]));
            }
            t.commit();
        }
    }

    String read(String key) {
        try (Transaction t = kv.begin(RR)) {
            return str(t.get(k(key)));
        }
    }

    static List<String> keys(KvIterator it) {
        List<String> out = new ArrayList<>();
        try (it) {
            while (it.hasNext()) {
                KvPair p = it.next();
                out.add(new String(p.key().toByteArray(), StandardCharsets.UTF_8) + "=" + str(p.value()));
            }
        }
        return out;
    }

    static StrataException strata(Throwable t) {
        Throwable c = t;
        while (c != null && !(c instanceof StrataException)) {
            c = c.getCause();
        }
        if (c == null) {
            throw new AssertionError("expected a StrataException", t);
        }
        return (StrataException) c;
    }

    @Test
    void readsItsOwnWrites() {
        commitValues("a", "1", "b", "2");
        try (Transaction t = kv.begin(RR)) {
            t.put(k("c"), v("3"));
            t.delete(k("a"));
            t.put(k("b"), v("22"));
            assertNull(t.get(k("a")));
            assertEquals("22", str(t.get(k("b"))));
            assertEquals("3", str(t.get(k("c"))));
            assertEquals(List.of("b=22", "c=3"), keys(t.scan(Key.EMPTY, Key.EMPTY)));
            assertEquals(List.of("c=3", "b=22"), keys(t.reverseScan(Key.EMPTY, Key.EMPTY)));
            Map<Key, byte[]> got = t.batchGet(List.of(k("a"), k("b"), k("c"), k("zz")));
            assertEquals(2, got.size());
            assertEquals("22", str(got.get(k("b"))));
            assertFalse(t.isReadOnly());
            assertTrue(t.commit() > t.startTs());
        }
        assertNull(read("a"));
        assertEquals("22", read("b"));
        assertEquals("3", read("c"));
    }

    @Test
    void repeatableReadKeepsItsSnapshot() {
        commitValues("k", "1", "other", "x");
        try (Transaction t1 = kv.begin(RR)) {
            assertEquals("1", str(t1.get(k("k"))));
            commitValues("k", "2", "new", "n");
            t1.beginStatement();
            assertEquals("1", str(t1.get(k("k"))));
            assertEquals(List.of("k=1", "other=x"), keys(t1.scan(Key.EMPTY, Key.EMPTY)));
            assertEquals(t1.startTs(), t1.readTs());
        }
        assertEquals("2", read("k"));
    }

    @Test
    void readCommittedSeesNewCommitsPerStatement() {
        commitValues("k", "1");
        try (Transaction t = kv.begin(RC)) {
            t.beginStatement();
            assertEquals("1", str(t.get(k("k"))));
            commitValues("k", "2");
            assertEquals("1", str(t.get(k("k"))), "same statement, same snapshot");
            t.beginStatement();
            assertEquals("2", str(t.get(k("k"))));
            assertTrue(t.readTs() > t.startTs());
        }
    }

    @Test
    void noDirtyReads() {
        commitValues("k", "committed");
        try (Transaction writer = kv.begin(RR)) {
            writer.put(k("k"), v("dirty"));
            writer.put(k("n"), v("dirty"));
            assertEquals("committed", read("k"));
            assertNull(read("n"));
            writer.rollback();
        }
        assertEquals("committed", read("k"));
        assertNull(read("n"));
    }

    @Test
    void laterCommitterOfAWriteWriteConflictAborts() {
        commitValues("k", "0");
        Transaction t1 = kv.begin(RR);
        Transaction t2 = kv.begin(RR);
        t1.put(k("k"), v("one"));
        t2.put(k("k"), v("two"));
        t2.put(k("j"), v("two"));
        t1.commit();
        StrataException e = assertThrows(StrataException.class, t2::commit);
        assertEquals(ErrorCode.WRITE_CONFLICT, e.code());
        assertEquals(1213, e.code().mysqlCode());
        assertTrue(t2.isFinished());
        assertEquals("one", read("k"));
        assertNull(read("j"), "the loser's prewrites were rolled back");
        commitValues("j", "later"); // and leave no lock behind
        assertEquals("later", read("j"));
    }

    @Test
    void statementRollbackKeepsEarlierStatements() {
        commitValues("a", "0");
        try (Transaction t = kv.begin(RR)) {
            t.beginStatement();
            t.put(k("a"), v("1"));
            t.beginStatement();
            t.put(k("b"), v("2"));
            t.delete(k("a"));
            t.put(k("b"), v("3"));
            t.rollbackStatement();
            assertEquals("1", str(t.get(k("a"))));
            assertNull(t.get(k("b")));
            t.commit();
        }
        assertEquals("1", read("a"));
        assertNull(read("b"));
    }

    @Test
    void statementRollbackReleasesItsPessimisticLocks() throws Exception {
        try (Transaction t = kv.begin(RR)) {
            t.beginStatement();
            t.lockKeys(List.of(k("p")));
            t.beginStatement();
            t.lockKeys(List.of(k("q")));
            t.rollbackStatement();
            try (Transaction other = kv.begin(new TxnOptions(IsolationLevel.REPEATABLE_READ, Duration.ofMillis(200), false))) {
                other.lockKeys(List.of(k("q"))); // free again
                StrataException e = assertThrows(StrataException.class, () -> other.lockKeys(List.of(k("p"))));
                assertEquals(ErrorCode.LOCK_WAIT_TIMEOUT, e.code());
            }
            t.commit();
        }
    }

    @Test
    void readOnlyCommitTakesNoTimestampAndReadOnlyTxnRejectsWrites() {
        commitValues("k", "1");
        try (Transaction t = kv.begin(RR)) {
            assertEquals("1", str(t.get(k("k"))));
            assertTrue(t.isReadOnly());
            assertEquals(0, t.commit());
            assertTrue(t.isFinished());
        }
        try (Transaction t = kv.begin(new TxnOptions(IsolationLevel.REPEATABLE_READ, Duration.ofSeconds(1), true))) {
            StrataException e = assertThrows(StrataException.class, () -> t.put(k("k"), v("2")));
            assertEquals(ErrorCode.READ_ONLY_TRANSACTION, e.code());
        }
    }

    @Test
    void lockKeysBlocksASecondLockerUntilCommitThenItGetsWriteConflict() throws Exception {
        commitValues("k", "0");
        Transaction t1 = kv.begin(RR);
        t1.lockKeys(List.of(k("k")));
        Transaction t2 = kv.begin(RR);
        Future<?> second = pool.submit(() -> {
            t2.lockKeys(List.of(k("k")));
            return null;
        });
        t1.put(k("k"), v("1"));
        t1.commit();
        StrataException e = strata(assertThrows(Exception.class, () -> second.get(30, TimeUnit.SECONDS)));
        assertEquals(ErrorCode.WRITE_CONFLICT, e.code(), "t1 committed after t2's read timestamp");
        t2.rollback();
        assertEquals("1", read("k"));
    }

    @Test
    void lockKeysBlocksASecondLockerUntilRollbackThenItGetsTheLock() throws Exception {
        Transaction t1 = kv.begin(RR);
        t1.lockKeys(List.of(k("k"), k("l")));
        Transaction t2 = kv.begin(RR);
        AtomicBoolean acquired = new AtomicBoolean();
        Future<?> second = pool.submit(() -> {
            t2.lockKeys(List.of(k("l")));
            acquired.set(true);
            return null;
        });
        assertFalse(acquired.get() && !t1.isFinished(), "t2 cannot hold the lock while t1 does");
        t1.rollback();
        second.get(30, TimeUnit.SECONDS);
        assertTrue(acquired.get());
        t2.put(k("l"), v("t2"));
        t2.commit();
        assertEquals("t2", read("l"));
    }

    @Test
    void lockWaitTimesOut() {
        Transaction t1 = kv.begin(RR);
        t1.lockKeys(List.of(k("k")));
        try (Transaction t2 = kv.begin(new TxnOptions(IsolationLevel.REPEATABLE_READ, Duration.ofMillis(150), false))) {
            StrataException e = assertThrows(StrataException.class, () -> t2.lockKeys(List.of(k("k"))));
            assertEquals(ErrorCode.LOCK_WAIT_TIMEOUT, e.code());
            assertEquals(1205, e.code().mysqlCode());
        } finally {
            t1.rollback();
        }
    }

    @Test
    void deadlockIsDetected() throws Exception {
        Transaction t1 = kv.begin(RR);
        Transaction t2 = kv.begin(RR);
        t1.lockKeys(List.of(k("a")));
        t2.lockKeys(List.of(k("b")));
        java.util.concurrent.ExecutorCompletionService<ErrorCode> ecs = new java.util.concurrent.ExecutorCompletionService<>(pool);
        Future<ErrorCode> f1 = ecs.submit(lockAndReport(t1, "b"));
        Future<ErrorCode> f2 = ecs.submit(lockAndReport(t2, "a"));
        // exactly one is the victim; when it rolls back the other gets its lock
        Future<ErrorCode> first = ecs.poll(30, TimeUnit.SECONDS);
        assertTrue(first != null, "neither waiter returned");
        assertEquals(ErrorCode.LOCK_DEADLOCK, first.get());
        Transaction victim = first == f1 ? t1 : t2;
        Transaction survivor = first == f1 ? t2 : t1;
        Future<ErrorCode> other = first == f1 ? f2 : f1;
        victim.rollback();
        assertNull(other.get(30, TimeUnit.SECONDS));
        survivor.rollback();
    }

    @Test
    void deadlockBetweenACommitAndALockerIsDetected() throws Exception {
        Transaction t1 = kv.begin(RR);
        Transaction t2 = kv.begin(RR);
        t1.lockKeys(List.of(k("a")));
        t2.lockKeys(List.of(k("b")));
        t1.put(k("b"), v("from t1")); // not locked: t1's prewrite will wait for t2's lock on b
        java.util.concurrent.ExecutorCompletionService<ErrorCode> ecs = new java.util.concurrent.ExecutorCompletionService<>(pool);
        Future<ErrorCode> committer = ecs.submit(() -> {
            try {
                t1.commit();
                return null;
            } catch (StrataException e) {
                return e.code();
            }
        });
        Future<ErrorCode> locker = ecs.submit(lockAndReport(t2, "a"));
        Future<ErrorCode> first = ecs.poll(30, TimeUnit.SECONDS);
        assertTrue(first != null, "neither side returned: deadlock not detected");
        // the victim may finish second: when the committer is the victim, its rollback releases
        // 'a' before commit() returns, so the locker can complete first with its lock granted
        Future<ErrorCode> victim = first;
        if (first.get() == null) {
            victim = first == locker ? committer : locker;
            assertEquals(ErrorCode.LOCK_DEADLOCK, victim.get(30, TimeUnit.SECONDS));
        } else {
            assertEquals(ErrorCode.LOCK_DEADLOCK, first.get());
        }
        if (victim == locker) {
            t2.rollback(); // releases b: t1's commit goes through
            assertNull(committer.get(30, TimeUnit.SECONDS));
            assertEquals("from t1", read("b"));
        } else {
            assertTrue(t1.isFinished());
            assertNull(locker.get(30, TimeUnit.SECONDS), "t1's locks were released when its commit failed");
            t2.rollback();
        }
    }

    private static Callable<ErrorCode> lockAndReport(Transaction t, String key) {
        return () -> {
            try {
                t.lockKeys(List.of(k(key)));
                return null;
            } catch (StrataException e) {
                return e.code();
            }
        };
    }

    @Test
    void reverseScanWithBoundsAndBufferedChanges() {
        commitValues("a", "1", "b", "2", "c", "3", "d", "4", "e", "5");
        try (Transaction t = kv.begin(RR)) {
            assertEquals(List.of("d=4", "c=3", "b=2"), keys(t.reverseScan(k("b"), k("e"))));
            assertEquals(List.of("b=2", "c=3", "d=4"), keys(t.scan(k("b"), k("e"))));
            t.delete(k("c"));
            t.put(k("bb"), v("new"));
            t.put(k("e"), v("outside"));
            assertEquals(List.of("d=4", "bb=new", "b=2"), keys(t.reverseScan(k("b"), k("e"))));
            assertEquals(List.of("e=outside", "d=4", "bb=new", "b=2", "a=1"), keys(t.reverseScan(Key.EMPTY, Key.EMPTY)));
        }
    }

    @Test
    void readerWaitsForALiveLockThenSeesTheSnapshotValue() throws Exception {
        commitValues("k", "old");
        long start = tso.next().version();
        store.execute(new RegionCommand.Prewrite(List.of(Mutation.put(v("k"), v("new"))), v("k"), start, 60_000, 0));
        Transaction reader = kv.begin(RR);
        Future<String> read = pool.submit(() -> str(reader.get(k("k"))));
        long commitTs = tso.next().version();
        store.execute(new RegionCommand.Commit(List.of(v("k")), start, commitTs));
        assertEquals("old", read.get(30, TimeUnit.SECONDS), "committed above the reader's timestamp");
        reader.rollback();
        assertEquals("new", read("k"));
    }

    @Test
    void leftoverLocksOfACrashedCoordinatorAreResolvedByTtl() {
        commitValues("p", "p0", "s", "s0", "q", "q0", "r", "r0");
        // txn A: prewrote p (primary) and s, then its coordinator died
        long a = tso.next().version();
        store.execute(new RegionCommand.Prewrite(List.of(Mutation.put(v("p"), v("pA")), Mutation.put(v("s"), v("sA"))),
                v("p"), a, 1_000, 0));
        // txn B: prewrote q (primary) and r, committed the primary only, then died
        long b = tso.next().version();
        store.execute(new RegionCommand.Prewrite(List.of(Mutation.put(v("q"), v("qB")), Mutation.put(v("r"), v("rB"))),
                v("q"), b, 1_000, 0));
        store.execute(new RegionCommand.Commit(List.of(v("q")), b, tso.next().version()));

        clockSkew.addAndGet(10_000); // A's locks are now past their TTL
        assertEquals("s0", read("s"), "A is rolled back");
        assertEquals("p0", read("p"));
        assertEquals("rB", read("r"), "B is rolled forward");
        assertEquals(List.of("p=p0", "q=qB", "r=rB", "s=s0"), keys(kv.begin(RR).scan(Key.EMPTY, Key.EMPTY)));
        commitValues("s", "s1", "p", "p1"); // no lock left behind
        assertEquals("s1", read("s"));
    }

    @Test
    void concurrentBankTransfersConserveTheTotal() throws Exception {
        int accounts = 8;
        long initial = 1_000;
        try (Transaction t = kv.begin(RR)) {
            for (int i = 0; i < accounts; i++) {
                t.put(account(i), encode(initial));
            }
            t.commit();
        }
        long total = accounts * initial;
        int threads = 4;
        int transfersPerThread = 40;
        AtomicInteger conflicts = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int seed = w;
            workers.add(pool.submit(() -> {
                Random rnd = new Random(seed);
                for (int n = 0; n < transfersPerThread; n++) {
                    int from = rnd.nextInt(accounts);
                    int to = (from + 1 + rnd.nextInt(accounts - 1)) % accounts;
                    long amount = rnd.nextInt(50);
                    while (true) {
                        try (Transaction t = kv.begin(RR)) {
                            long a = decode(t.get(account(from)));
                            long b = decode(t.get(account(to)));
                            t.put(account(from), encode(a - amount));
                            t.put(account(to), encode(b + amount));
                            t.commit();
                            break;
                        } catch (StrataException e) {
                            if (e.code() != ErrorCode.WRITE_CONFLICT) {
                                throw e;
                            }
                            conflicts.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        Future<Integer> auditor = pool.submit(() -> {
            int audits = 0;
            while (!done.get() || audits == 0) {
                try (Transaction t = kv.begin(RR)) {
                    long sum = 0;
                    int n = 0;
                    try (KvIterator it = t.scan(k("acct"), k("acct").prefixNext())) {
                        while (it.hasNext()) {
                            sum += decode(it.next().value());
                            n++;
                        }
                    }
                    assertEquals(accounts, n);
                    assertEquals(total, sum, "a snapshot saw a torn transfer");
                    long pointSum = 0;
                    for (int i = 0; i < accounts; i++) {
                        pointSum += decode(t.get(account(i)));
                    }
                    assertEquals(total, pointSum);
                }
                audits++;
            }
            return audits;
        });
        for (Future<?> f : workers) {
            f.get(120, TimeUnit.SECONDS);
        }
        done.set(true);
        assertTrue(auditor.get(120, TimeUnit.SECONDS) > 0);
        try (Transaction t = kv.begin(RR)) {
            long sum = 0;
            for (int i = 0; i < accounts; i++) {
                sum += decode(t.get(account(i)));
            }
            assertEquals(total, sum);
        }
    }

    @Test
    void pessimisticTransfersInRandomLockOrderSurviveDeadlocks() throws Exception {
        int accounts = 4;
        long initial = 100;
        try (Transaction t = kv.begin(RR)) {
            for (int i = 0; i < accounts; i++) {
                t.put(account(i), encode(initial));
            }
            t.commit();
        }
        AtomicInteger deadlocks = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int seed = 100 + w;
            workers.add(pool.submit(() -> {
                Random rnd = new Random(seed);
                for (int n = 0; n < 25; n++) {
                    int from = rnd.nextInt(accounts);
                    int to = (from + 1 + rnd.nextInt(accounts - 1)) % accounts;
                    while (true) {
                        // RC: each attempt's statement reads the latest committed balances
                        try (Transaction t = kv.begin(RC)) {
                            t.beginStatement();
                            t.lockKeys(List.of(account(from))); // one at a time, in random order: deadlocks happen
                            t.lockKeys(List.of(account(to)));
                            long a = decode(t.get(account(from)));
                            long b = decode(t.get(account(to)));
                            t.put(account(from), encode(a - 1));
                            t.put(account(to), encode(b + 1));
                            t.commit();
                            break;
                        } catch (StrataException e) {
                            if (e.code() == ErrorCode.LOCK_DEADLOCK) {
                                deadlocks.incrementAndGet();
                            } else if (e.code() != ErrorCode.WRITE_CONFLICT) {
                                throw e;
                            }
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get(120, TimeUnit.SECONDS);
        }
        try (Transaction t = kv.begin(RR)) {
            long sum = 0;
            for (int i = 0; i < accounts; i++) {
                sum += decode(t.get(account(i)));
            }
            assertEquals(accounts * initial, sum);
        }
    }

    static Key account(int i) {
        return k(String.format("acct%03d", i));
    }

    static byte[] encode(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static long decode(byte[] b) {
        return ByteBuffer.wrap(b).getLong();
    }
}
