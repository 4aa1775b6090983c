package io.strata.rowstore.region;

import io.strata.rowstore.command.Mutation;
import io.strata.rowstore.command.RegionCommand;
import io.strata.rowstore.engine.MemoryKvEngine;
import io.strata.rowstore.mvcc.AlreadyCommittedException;
import io.strata.rowstore.mvcc.KeyIsLockedException;
import io.strata.rowstore.mvcc.Lock;
import io.strata.rowstore.mvcc.LockKind;
import io.strata.rowstore.mvcc.MvccKeys;
import io.strata.rowstore.mvcc.MvccReader;
import io.strata.rowstore.mvcc.TxnLockNotFoundException;
import io.strata.rowstore.mvcc.TxnStatus;
import io.strata.rowstore.mvcc.UnsupportedCommandException;
import io.strata.rowstore.mvcc.WriteConflictException;
import io.strata.spi.Key;
import io.strata.spi.Timestamp;
import io.strata.spi.region.Region;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionStateMachineTest {
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

    private Object apply(RegionCommand c) {
        Object o = sm.apply(List.of(c), false).outcomes().get(0);
        if (o instanceof RuntimeException e) {
            throw e;
        }
        return o;
    }

    private static RegionCommand.Prewrite put(String key, String value, long startTs) {
        return new RegionCommand.Prewrite(List.of(Mutation.put(b(key), b(value))), b(key), startTs, 3000, 0);
    }

    private Lock lockOf(String key) {
        return reader.loadLock(MvccKeys.encode(b(key)));
    }

    @Test
    void prewriteMeetsACommitAfterItsStartTs() {
        apply(put("k", "a", 10));
        apply(new RegionCommand.Commit(List.of(b("k")), 10, 30));
        WriteConflictException e = assertThrows(WriteConflictException.class, () -> apply(put("k", "b", 20)));
        assertEquals(30, e.conflictCommitTs());
        assertEquals(10, e.conflictStartTs());
        apply(put("k", "c", 40)); // after the commit: fine
    }

    @Test
    void prewriteMeetsAnotherLockAndIsAllOrNothing() {
        apply(put("b", "x", 10));
        RegionCommand.Prewrite two = new RegionCommand.Prewrite(List.of(Mutation.put(b("a"), b("1")), Mutation.put(b("b"), b("2"))),
                b("a"), 20, 3000, 0);
        KeyIsLockedException e = assertThrows(KeyIsLockedException.class, () -> apply(two));
        assertEquals(10, e.lock().startTs());
        assertNull(lockOf("a"), "the failed prewrite left nothing behind");
    }

    @Test
    void prewriteIsIdempotent() {
        apply(put("k", "v", 10));
        apply(put("k", "v", 10));
        apply(new RegionCommand.Commit(List.of(b("k")), 10, 20));
        apply(put("k", "v", 10)); // a replay after the commit changes nothing
        assertNull(lockOf("k"));
        assertArrayEquals(b("v"), reader.get(b("k"), 25, 0));
    }

    @Test
    void onePhaseCommitWritesRecordsAtItsCommitTsWithoutLocks() {
        RegionCommand.OnePhaseCommit c = new RegionCommand.OnePhaseCommit(List.of(Mutation.put(b("a"), b("1")),
                Mutation.put(b("big"), new byte[RegionStateMachine.SHORT_VALUE_MAX + 1]), Mutation.delete(b("c"))), 10, 20, 0);
        apply(c);
        assertNull(lockOf("a"));
        assertNull(reader.get(b("a"), 19, 0), "invisible below the commit timestamp");
        assertArrayEquals(b("1"), reader.get(b("a"), 20, 0));
        assertEquals(RegionStateMachine.SHORT_VALUE_MAX + 1, reader.get(b("big"), 20, 0).length);
        apply(c); // a replay changes nothing
        assertArrayEquals(b("1"), reader.get(b("a"), 25, 0));
        WriteConflictException e = assertThrows(WriteConflictException.class,
                () -> apply(new RegionCommand.OnePhaseCommit(List.of(Mutation.put(b("a"), b("2"))), 15, 30, 0)));
        assertEquals(20, e.conflictCommitTs());
    }

    @Test
    void onePhaseCommitMeetsAnotherLockAndIsAllOrNothing() {
        apply(put("b", "x", 10));
        RegionCommand.OnePhaseCommit two = new RegionCommand.OnePhaseCommit(
                List.of(Mutation.put(b("a"), b("1")), Mutation.put(b("b"), b("2"))), 20, 30, 0);
        KeyIsLockedException e = assertThrows(KeyIsLockedException.class, () -> apply(two));
        assertEquals(10, e.lock().startTs());
        assertNull(reader.get(b("a"), 40, 0), "the failed commit left nothing behind");
    }

    @Test
    void onePhaseCommitReplacesItsOwnPessimisticLocks() {
        apply(put("k", "v", 10));
        apply(new RegionCommand.Commit(List.of(b("k")), 10, 20));
        apply(new RegionCommand.AcquirePessimisticLock(List.of(b("k"), b("l")), b("k"), 15, 25, 20_000));
        ApplyResult r = sm.apply(List.of(new RegionCommand.OnePhaseCommit(
                List.of(Mutation.put(b("k"), b("mine")), Mutation.lock(b("l"))), 15, 30, 25)), false);
        assertNull(r.outcomes().get(0));
        assertEquals(2, r.releasedLocks().size(), "waiters on the pessimistic locks are woken");
        assertNull(lockOf("k"));
        assertNull(lockOf("l"));
        assertArrayEquals(b("mine"), reader.get(b("k"), 30, 0));
        assertArrayEquals(b("v"), reader.get(b("k"), 29, 0));
    }

    @Test
    void commitWithoutLockFails() {
        assertThrows(TxnLockNotFoundException.class, () -> apply(new RegionCommand.Commit(List.of(b("k")), 10, 20)));
        apply(put("k", "v", 10));
        apply(new RegionCommand.Commit(List.of(b("k")), 10, 20));
        apply(new RegionCommand.Commit(List.of(b("k")), 10, 20)); // idempotent
    }

    @Test
    void rollbackBlocksALatePrewriteAndACommit() {
        apply(new RegionCommand.Rollback(List.of(b("k")), 10)); // before the prewrite arrived
        assertThrows(WriteConflictException.class, () -> apply(put("k", "v", 10)));
        apply(put("j", "v", 11));
        apply(new RegionCommand.Rollback(List.of(b("j")), 11));
        assertNull(lockOf("j"));
        assertThrows(TxnLockNotFoundException.class, () -> apply(new RegionCommand.Commit(List.of(b("j")), 11, 12)));
    }

    @Test
    void rollbackOfACommittedTxnFails() {
        apply(put("k", "v", 10));
        apply(new RegionCommand.Commit(List.of(b("k")), 10, 20));
        AlreadyCommittedException e = assertThrows(AlreadyCommittedException.class, () -> apply(new RegionCommand.Rollback(List.of(b("k")), 10)));
        assertEquals(20, e.commitTs());
    }

    @Test
    void pessimisticLockChecksForUpdateTsAndIsUpgradedByPrewrite() {
        apply(put("k", "v", 10));
        apply(new RegionCommand.Commit(List.of(b("k")), 10, 20));
        assertThrows(WriteConflictException.class,
                () -> apply(new RegionCommand.AcquirePessimisticLock(List.of(b("k")), b("k"), 15, 15, 20_000)));
        apply(new RegionCommand.AcquirePessimisticLock(List.of(b("k")), b("k"), 15, 25, 20_000));
        assertEquals(LockKind.PESSIMISTIC, lockOf("k").kind());
        assertThrows(KeyIsLockedException.class, () -> apply(put("k", "other", 30)));
        // the upgrade skips the start_ts check that the commit at 20 would fail
        apply(new RegionCommand.Prewrite(List.of(Mutation.put(b("k"), b("mine"))), b("k"), 15, 3000, 25));
        assertEquals(LockKind.PUT, lockOf("k").kind());
        apply(new RegionCommand.Commit(List.of(b("k")), 15, 40));
        assertArrayEquals(b("mine"), reader.get(b("k"), 41, 0));
    }

    @Test
    void pessimisticRollbackReleasesOnlyPessimisticLocks() {
        apply(new RegionCommand.AcquirePessimisticLock(List.of(b("a"), b("b")), b("a"), 10, 10, 20_000));
        apply(new RegionCommand.PessimisticRollback(List.of(b("b")), 10));
        assertNotNull(lockOf("a"));
        assertNull(lockOf("b"));
        apply(put("b", "v", 20)); // no rollback record was left
    }

    @Test
    void cleanupDecidesByTheTtl() {
        long start = Timestamp.compose(1_000_000, 0);
        apply(new RegionCommand.Prewrite(List.of(Mutation.put(b("p"), b("1")), Mutation.put(b("s"), b("2"))), b("p"), start, 1000, 0));
        TxnStatus alive = (TxnStatus) apply(new RegionCommand.Cleanup(b("p"), start, Timestamp.compose(1_000_500, 0)));
        assertEquals(TxnStatus.State.LOCKED, alive.state());
        TxnStatus dead = (TxnStatus) apply(new RegionCommand.Cleanup(b("p"), start, Timestamp.compose(1_001_001, 0)));
        assertEquals(TxnStatus.State.ROLLED_BACK, dead.state());
        assertNull(lockOf("p"));
        assertNotNull(lockOf("s"));
        apply(new RegionCommand.ResolveLock(start, 0, List.of()));
        assertNull(lockOf("s"));
        assertNull(reader.get(b("s"), Timestamp.compose(2_000_000, 0), 0));
    }

    @Test
    void cleanupOfACommittedPrimaryRollsSecondariesForward() {
        apply(new RegionCommand.Prewrite(List.of(Mutation.put(b("p"), b("1")), Mutation.put(b("s"), b("2"))), b("p"), 10, 1000, 0));
        apply(new RegionCommand.Commit(List.of(b("p")), 10, 20)); // the coordinator died after the primary
        TxnStatus st = (TxnStatus) apply(new RegionCommand.Cleanup(b("p"), 10, 30));
        assertEquals(TxnStatus.State.COMMITTED, st.state());
        assertEquals(20, st.commitTs());
        apply(new RegionCommand.ResolveLock(10, 20, List.of(b("s"))));
        assertArrayEquals(b("2"), reader.get(b("s"), 25, 0));
    }

    @Test
    void cleanupOfANeverPrewrittenPrimaryProtectsIt() {
        TxnStatus st = (TxnStatus) apply(new RegionCommand.Cleanup(b("p"), 10, 30));
        assertEquals(TxnStatus.State.ROLLED_BACK, st.state());
        assertThrows(WriteConflictException.class, () -> apply(put("p", "late", 10)));
    }

    @Test
    void commandsInOneGroupSeeEachOther() {
        ApplyResult r = sm.apply(List.of(put("k", "a", 10), put("k", "b", 20),
                new RegionCommand.Commit(List.of(b("k")), 10, 30), put("k", "c", 25), put("k", "d", 40)), false);
        assertNull(r.outcomes().get(0));
        assertInstanceOf(KeyIsLockedException.class, r.outcomes().get(1));
        assertNull(r.outcomes().get(2));
        assertInstanceOf(WriteConflictException.class, r.outcomes().get(3));
        assertNull(r.outcomes().get(4));
        assertEquals(40, lockOf("k").startTs());
        assertEquals(List.of(Key.own(MvccKeys.encode(b("k")))), r.releasedLocks(), "released, though locked again in the same group");
        assertArrayEquals(b("a"), reader.get(b("k"), 35, 0));
    }

    @Test
    void heartBeatRaisesThePrimaryTtlSoCleanupKeepsTheTxnAlive() {
        long start = Timestamp.compose(1_000_000, 0);
        apply(new RegionCommand.AcquirePessimisticLock(List.of(b("p")), b("p"), start, start, 1000));
        assertEquals(5000L, apply(new RegionCommand.TxnHeartBeat(b("p"), start, 5000)));
        assertEquals(5000L, apply(new RegionCommand.TxnHeartBeat(b("p"), start, 2000)), "never lowered");
        TxnStatus st = (TxnStatus) apply(new RegionCommand.Cleanup(b("p"), start, Timestamp.compose(1_003_000, 0)));
        assertEquals(TxnStatus.State.LOCKED, st.state());
        assertEquals(LockKind.PESSIMISTIC, lockOf("p").kind());
        assertThrows(TxnLockNotFoundException.class, () -> apply(new RegionCommand.TxnHeartBeat(b("q"), start, 5000)));
    }

    @Test
    void gcKeepsWhatReadersAtTheSafePointCanSee() {
        byte[] big = new byte[RegionStateMachine.SHORT_VALUE_MAX + 1];
        apply(put("a", "a1", 10));
        apply(new RegionCommand.Commit(List.of(b("a")), 10, 11));
        apply(new RegionCommand.Prewrite(List.of(Mutation.put(b("a"), big)), b("a"), 12, 3000, 0));
        apply(new RegionCommand.Commit(List.of(b("a")), 12, 13));
        apply(put("a", "a3", 14));
        apply(new RegionCommand.Commit(List.of(b("a")), 14, 15));
        apply(new RegionCommand.Rollback(List.of(b("a")), 16));
        apply(put("a", "a5", 30));
        apply(new RegionCommand.Commit(List.of(b("a")), 30, 31));
        apply(put("d", "d1", 10));
        apply(new RegionCommand.Commit(List.of(b("d")), 10, 11));
        apply(new RegionCommand.Prewrite(List.of(Mutation.delete(b("d"))), b("d"), 12, 3000, 0));
        apply(new RegionCommand.Commit(List.of(b("d")), 12, 13));
        apply(put("p", "pending", 18)); // a lock: GC leaves it alone

        long deleted = (Long) apply(new RegionCommand.Gc(new byte[0], new byte[0], 20));
        assertEquals(5, deleted, "a: rollback@16, big@13, a1@11; d: delete@13, d1@11");
        assertArrayEquals(b("a3"), reader.get(b("a"), 20, 0));
        assertArrayEquals(b("a5"), reader.get(b("a"), 40, 0));
        assertNull(reader.get(b("d"), 20, 0));
        assertEquals(2, reader.writesSince(MvccKeys.encode(b("a")), 0).size());
        assertTrue(reader.writesSince(MvccKeys.encode(b("d")), 0).isEmpty());
        assertNotNull(lockOf("p"));
        assertNull(engine.get(io.strata.rowstore.engine.ColumnFamily.DEFAULT, MvccKeys.withTs(MvccKeys.encode(b("a")), 12)),
                "the long value of a deleted version is gone too");
        assertEquals(0L, apply(new RegionCommand.Gc(new byte[0], new byte[0], 20)), "idempotent");
    }

    @Test
    void splitIsDefinedButNotApplied() {
        assertThrows(UnsupportedCommandException.class, () -> apply(new RegionCommand.Split(1, b("m"), 2, List.of(2L))));
    }
}
