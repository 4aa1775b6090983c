package io.strata.rowstore.command;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Every change to a region is one of these commands: it is the payload of a Raft log entry. Voters
 * apply it to RocksDB through the region state machine; learners apply the same entries to the column
 * store. A command therefore carries complete information (prewrite carries the values) and must
 * not depend on anything the proposer read. Keys are user keys (not MVCC-encoded).
 * Binary form: {@link RegionCommandCodec}.
 *
 * <p>Byte arrays inside commands are owned by the command once built; records copy lists.
 */
public sealed interface RegionCommand {

    /** Locks every mutation's key for {@code startTs}; {@code forUpdateTs > 0} marks a pessimistic transaction. */
    record Prewrite(List<Mutation> mutations, byte[] primary, long startTs, long lockTtlMillis, long forUpdateTs)
            implements RegionCommand {
        public Prewrite {
            mutations = List.copyOf(mutations);
            requireNonNull(primary, "primary is null");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Prewrite p && mutations.equals(p.mutations) && Arrays.equals(primary, p.primary)
                    && startTs == p.startTs && lockTtlMillis == p.lockTtlMillis && forUpdateTs == p.forUpdateTs;
        }

        @Override
        public int hashCode() {
            return mutations.hashCode() * 31 + Long.hashCode(startTs);
        }

        @Override
        public String toString() {
            return "Prewrite[" + mutations.size() + " mutations, primary=" + HexFormat.of().formatHex(primary)
                    + ", startTs=" + startTs + ", ttl=" + lockTtlMillis + ", forUpdateTs=" + forUpdateTs + "]";
        }
    }

    /**
     * One-phase commit (TiKV's 1PC): the prewrite checks of every mutation, then commit records at
     * {@code commitTs} straight away, with no lock in between. For a transaction whose keys all live
     * in this region, so one atomic write decides it; {@code forUpdateTs > 0} marks a pessimistic
     * transaction, whose own pessimistic locks the records replace. The proposer picks
     * {@code commitTs} and keeps readers that may need the records waiting until they are applied.
     */
    record OnePhaseCommit(List<Mutation> mutations, long startTs, long commitTs, long forUpdateTs)
            implements RegionCommand {
        public OnePhaseCommit {
            mutations = List.copyOf(mutations);
        }
    }

    /** Turns the locks of {@code startTs} on the keys into commit records at {@code commitTs}. */
    record Commit(List<byte[]> keys, long startTs, long commitTs) implements RegionCommand {
        public Commit {
            keys = List.copyOf(keys);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Commit c && keysEqual(keys, c.keys) && startTs == c.startTs && commitTs == c.commitTs;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(startTs) * 31 + Long.hashCode(commitTs);
        }
    }

    /** Removes the locks of {@code startTs} and leaves ROLLBACK records so a late prewrite is refused. */
    record Rollback(List<byte[]> keys, long startTs) implements RegionCommand {
        public Rollback {
            keys = List.copyOf(keys);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rollback r && keysEqual(keys, r.keys) && startTs == r.startTs;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(startTs);
        }
    }

    /**
     * Takes pessimistic locks (SELECT ... FOR UPDATE), all or none: fails if another transaction
     * holds a lock or committed one of the keys after {@code forUpdateTs}.
     */
    record AcquirePessimisticLock(List<byte[]> keys, byte[] primary, long startTs, long forUpdateTs, long lockTtlMillis)
            implements RegionCommand {
        public AcquirePessimisticLock {
            keys = List.copyOf(keys);
            requireNonNull(primary, "primary is null");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AcquirePessimisticLock a && keysEqual(keys, a.keys) && Arrays.equals(primary, a.primary)
                    && startTs == a.startTs && forUpdateTs == a.forUpdateTs && lockTtlMillis == a.lockTtlMillis;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(startTs) * 31 + Long.hashCode(forUpdateTs);
        }
    }

    /** Releases pessimistic locks of {@code startTs} without leaving records (statement rollback). */
    record PessimisticRollback(List<byte[]> keys, long startTs) implements RegionCommand {
        public PessimisticRollback {
            keys = List.copyOf(keys);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PessimisticRollback r && keysEqual(keys, r.keys) && startTs == r.startTs;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(startTs);
        }
    }

    /**
     * Resolves the locks of transaction {@code startTs}: commits them at {@code commitTs}, or rolls
     * them back when {@code commitTs == 0}. With no keys, every lock of that transaction in the
     * region is resolved.
     */
    record ResolveLock(long startTs, long commitTs, List<byte[]> keys) implements RegionCommand {
        public ResolveLock {
            keys = List.copyOf(keys);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ResolveLock r && startTs == r.startTs && commitTs == r.commitTs && keysEqual(keys, r.keys);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(startTs) * 31 + Long.hashCode(commitTs);
        }
    }

    /**
     * Checks the fate of transaction {@code lockTs} on its primary key and cleans up: an expired
     * primary lock (by {@code currentTs}) is rolled back, a missing one is protected by a ROLLBACK
     * record. The result is a {@code TxnStatus}. (TiKV's check_txn_status / cleanup.)
     */
    record Cleanup(byte[] primary, long lockTs, long currentTs) implements RegionCommand {
        public Cleanup {
            requireNonNull(primary, "primary is null");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cleanup c && Arrays.equals(primary, c.primary) && lockTs == c.lockTs && currentTs == c.currentTs;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(primary) * 31 + Long.hashCode(lockTs);
        }
    }

    /**
     * Keeps a long-running transaction alive: raises the TTL of its primary lock to
     * {@code adviseTtlMillis} (never lowers it). Fails with lock-not-found when the primary lock
     * is gone, which tells the transaction it was rolled back. Result: the TTL now in force.
     */
    record TxnHeartBeat(byte[] primary, long startTs, long adviseTtlMillis) implements RegionCommand {
        public TxnHeartBeat {
            requireNonNull(primary, "primary is null");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TxnHeartBeat h && Arrays.equals(primary, h.primary) && startTs == h.startTs
                    && adviseTtlMillis == h.adviseTtlMillis;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(primary) * 31 + Long.hashCode(startTs);
        }
    }

    /**
     * MVCC garbage collection of user keys in {@code [startKey, endKey)} (empty end = unbounded):
     * for each key, every version a reader at or above {@code safePoint} can no longer see is
     * deleted, i.e. all commit records at or below the safe point except the newest PUT among
     * them. Locks are not touched. The caller guarantees that no transaction reads or prewrites
     * below the safe point; the command is then deterministic and safe to replicate.
     */
    record Gc(byte[] startKey, byte[] endKey, long safePoint) implements RegionCommand {
        public Gc {
            requireNonNull(startKey, "startKey is null");
            requireNonNull(endKey, "endKey is null");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Gc g && Arrays.equals(startKey, g.startKey) && Arrays.equals(endKey, g.endKey)
                    && safePoint == g.safePoint;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(startKey) * 31 + Long.hashCode(safePoint);
        }
    }

    /**
     * Physically deletes every version, value and lock of the user keys in {@code [startKey,
     * endKey)} (TiKV's UnsafeDestroyRange): the data of a dropped table or index. The caller
     * guarantees that no transaction can read or write the range any more (its removal committed
     * below the safe point); the command is then deterministic and safe to replicate.
     */
    record DestroyRange(byte[] startKey, byte[] endKey) implements RegionCommand {
        public DestroyRange {
            requireNonNull(startKey, "startKey is null");
            requireNonNull(endKey, "endKey is null");
            if (Arrays.compareUnsigned(startKey, endKey) >= 0) {
                throw new IllegalArgumentException("empty range");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DestroyRange d && Arrays.equals(startKey, d.startKey) && Arrays.equals(endKey, d.endKey);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(startKey) * 31 + Arrays.hashCode(endKey);
        }
    }

    /** Admin: split the region at {@code splitKey}; the right half becomes {@code newRegionId} with the given peer ids. */
    record Split(long regionId, byte[] splitKey, long newRegionId, List<Long> newPeerIds) implements RegionCommand {
        public Split {
            requireNonNull(splitKey, "splitKey is null");
            newPeerIds = List.copyOf(newPeerIds);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Split s && regionId == s.regionId && Arrays.equals(splitKey, s.splitKey)
                    && newRegionId == s.newRegionId && newPeerIds.equals(s.newPeerIds);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(regionId) * 31 + Long.hashCode(newRegionId);
        }
    }

    private static boolean keysEqual(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
