package io.strata.rowstore.region;

import io.strata.rowstore.command.Mutation;
import io.strata.rowstore.command.RegionCommand;
import io.strata.rowstore.engine.ColumnFamily;
import io.strata.rowstore.engine.EngineIterator;
import io.strata.rowstore.engine.KvEngine;
import io.strata.rowstore.engine.WriteBatch;
import io.strata.rowstore.mvcc.AlreadyCommittedException;
import io.strata.rowstore.mvcc.KeyIsLockedException;
import io.strata.rowstore.mvcc.Lock;
import io.strata.rowstore.mvcc.LockKind;
import io.strata.rowstore.mvcc.MvccKeys;
import io.strata.rowstore.mvcc.MvccReader;
import io.strata.rowstore.mvcc.TxnLockNotFoundException;
import io.strata.rowstore.mvcc.TxnStatus;
import io.strata.rowstore.mvcc.UnsupportedCommandException;
import io.strata.rowstore.mvcc.VersionedWrite;
import io.strata.rowstore.mvcc.Write;
import io.strata.rowstore.mvcc.WriteConflictException;
import io.strata.rowstore.mvcc.WriteKind;
import io.strata.spi.Key;
import io.strata.spi.region.Region;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Applies {@link RegionCommand}s of one region to the engine with the Percolator checks, the way a
 * Raft state machine applies committed log entries: deterministically, from the command and the
 * engine state alone.
 *
 * <p>A group of commands is applied into one {@link WriteBatch}. Each command sees the effects of
 * the commands before it in the group (through an overlay of pending locks and commit records) and
 * is all-or-nothing: a command that fails leaves no trace in the batch. The batch is written once,
 * optionally synced, and only then may callers be told the outcome.
 *
 * <p>Single-threaded: exactly one applier calls {@link #apply}. Readers may read the engine
 * concurrently; they see a group either entirely or not at all.
 */
public final class RegionStateMachine {
    /** Values up to this size are stored inline in the lock and write records. */
    public static final int SHORT_VALUE_MAX = 255;

    private static final Lock REMOVED = new Lock(LockKind.LOCK, new byte[0], -1, 0, 0, null);

    private final KvEngine engine;
    private final MvccReader reader;
    private final Region region;

    public RegionStateMachine(KvEngine engine, Region region) {
        this.engine = requireNonNull(engine, "engine is null");
        this.region = requireNonNull(region, "region is null");
        this.reader = new MvccReader(engine);
    }

    public Region region() {
        return region;
    }

    /** Applies the commands as one atomic engine write; see the class comment. */
    public ApplyResult apply(List<RegionCommand> commands, boolean sync) {
        Overlay group = new Overlay(null);
        List<Object> outcomes = new ArrayList<>(commands.size());
        for (RegionCommand command : commands) {
            Overlay local = new Overlay(group);
            try {
                Object result = applyOne(command, local);
                local.mergeIntoParent();
                outcomes.add(result);
            } catch (RuntimeException e) {
                outcomes.add(e);
            }
        }
        engine.write(group.batch, sync);
        return new ApplyResult(outcomes, new ArrayList<>(group.released));
    }

    private Object applyOne(RegionCommand command, Overlay t) {
        if (command instanceof RegionCommand.Prewrite p) {
            prewrite(p, t);
        } else if (command instanceof RegionCommand.OnePhaseCommit c) {
            onePhaseCommit(c, t);
        } else if (command instanceof RegionCommand.Commit c) {
            for (byte[] key : c.keys()) {
                commitKey(key, c.startTs(), c.commitTs(), t);
            }
        } else if (command instanceof RegionCommand.Rollback r) {
            for (byte[] key : r.keys()) {
                rollbackKey(key, r.startTs(), t);
            }
        } else if (command instanceof RegionCommand.AcquirePessimisticLock a) {
            pessimisticLock(a, t);
        } else if (command instanceof RegionCommand.PessimisticRollback r) {
            for (byte[] key : r.keys()) {
                byte[] enc = MvccKeys.encode(key);
                Lock lock = t.lock(enc);
                if (lock != null && lock.startTs() == r.startTs() && lock.kind() == LockKind.PESSIMISTIC) {
                    t.deleteLock(enc);
                }
            }
        } else if (command instanceof RegionCommand.ResolveLock r) {
            resolveLock(r, t);
        } else if (command instanceof RegionCommand.Cleanup c) {
            return cleanup(c, t);
        } else if (command instanceof RegionCommand.TxnHeartBeat h) {
            byte[] enc = MvccKeys.encode(h.primary());
            Lock lock = t.lock(enc);
            if (lock == null || lock.startTs() != h.startTs()) {
                throw new TxnLockNotFoundException(h.primary(), h.startTs());
            }
            if (h.adviseTtlMillis() > lock.ttlMillis()) {
                lock = new Lock(lock.kind(), lock.primary(), lock.startTs(), h.adviseTtlMillis(), lock.forUpdateTs(), lock.shortValue());
                t.putLock(enc, lock);
            }
            return lock.ttlMillis();
        } else if (command instanceof RegionCommand.Gc g) {
            return gc(g, t);
        } else if (command instanceof RegionCommand.DestroyRange d) {
            checkInRegion(d.startKey());
            // range tombstones in every family; the overlay's cached locks are not consulted again
            // for these keys: nothing reads or writes a destroyed range
            byte[] lo = MvccKeys.encode(d.startKey());
            byte[] hi = MvccKeys.encode(d.endKey());
            for (ColumnFamily cf : List.of(ColumnFamily.LOCK, ColumnFamily.DEFAULT, ColumnFamily.WRITE)) {
                t.batch.deleteRange(cf, lo, hi);
            }
        } else if (command instanceof RegionCommand.Split s) {
            throw new UnsupportedCommandException("split of region " + s.regionId() + " is not supported by a single-region store");
        } else {
            throw new UnsupportedCommandException("unknown command " + command);
        }
        return null;
    }

    private void checkInRegion(byte[] key) {
        if (!region.contains(Key.of(key))) {
            throw new IllegalArgumentException("key " + HexFormat.of().formatHex(key) + " is not in region " + region.id());
        }
    }

    private void prewrite(RegionCommand.Prewrite p, Overlay t) {
        long startTs = p.startTs();
        for (Mutation m : p.mutations()) {
            byte[] enc = MvccKeys.encode(m.key());
            if (!needsWrite(m, enc, startTs, t)) {
                continue;
            }
            byte[] shortValue = storeValue(m, enc, startTs, t);
            t.putLock(enc, new Lock(lockKind(m), p.primary(), startTs, p.lockTtlMillis(), p.forUpdateTs(), shortValue));
        }
    }

    /**
     * The prewrite checks, then commit records instead of locks. Replacing the transaction's own
     * pessimistic locks releases them, which wakes their waiters as a commit does.
     */
    private void onePhaseCommit(RegionCommand.OnePhaseCommit c, Overlay t) {
        long startTs = c.startTs();
        if (c.commitTs() <= startTs) {
            throw new IllegalArgumentException("commit_ts " + c.commitTs() + " must exceed start_ts " + startTs);
        }
        for (Mutation m : c.mutations()) {
            byte[] enc = MvccKeys.encode(m.key());
            if (!needsWrite(m, enc, startTs, t)) {
                continue;
            }
            if (t.lock(enc) != null) {
                t.deleteLock(enc); // our pessimistic lock (needsWrite refused anyone else's)
            }
            byte[] shortValue = storeValue(m, enc, startTs, t);
            t.putWrite(enc, c.commitTs(), new Write(WriteKind.of(lockKind(m)), startTs, shortValue));
        }
    }

    /**
     * The Percolator checks of writing {@code m} for transaction {@code startTs}: fails with
     * {@link KeyIsLockedException} on another transaction's lock and {@link WriteConflictException}
     * on a commit since {@code startTs} (or our own rollback); false when this write was applied
     * before (a replay), true when it is to be written.
     */
    private boolean needsWrite(Mutation m, byte[] enc, long startTs, Overlay t) {
        if (!region.start().isEmpty() || !region.end().isEmpty()) {
            checkInRegion(m.key());
        }
        Lock existing = t.lock(enc);
        if (existing != null) {
            if (existing.startTs() != startTs) {
                throw new KeyIsLockedException(m.key(), existing);
            }
            // our own prewrite applied before is idempotent; our pessimistic lock already checked
            // conflicts at its for_update_ts, so the write upgrades it
            return existing.kind() == LockKind.PESSIMISTIC;
        }
        for (VersionedWrite vw : t.writesSince(enc, startTs)) {
            if (vw.write().startTs() == startTs) {
                if (vw.write().kind() == WriteKind.ROLLBACK) {
                    throw new WriteConflictException(m.key(), startTs, startTs, vw.commitTs());
                }
                return false; // already committed: a replayed write changes nothing
            }
            if (vw.write().kind() == WriteKind.ROLLBACK) {
                continue; // another transaction's rollback is no conflict
            }
            throw new WriteConflictException(m.key(), startTs, vw.write().startTs(), vw.commitTs());
        }
        return true;
    }

    private static LockKind lockKind(Mutation m) {
        return switch (m.op()) {
            case PUT -> LockKind.PUT;
            case DELETE -> LockKind.DELETE;
            case LOCK -> LockKind.LOCK;
        };
    }

    /** A PUT's value: returned when short enough to live inline, else written to the default CF at startTs. */
    private static byte[] storeValue(Mutation m, byte[] enc, long startTs, Overlay t) {
        if (m.op() != Mutation.Op.PUT) {
            return null;
        }
        if (m.value().length <= SHORT_VALUE_MAX) {
            return m.value();
        }
        t.batch.put(ColumnFamily.DEFAULT, MvccKeys.withTs(enc, startTs), m.value());
        return null;
    }

    private void commitKey(byte[] key, long startTs, long commitTs, Overlay t) {
        if (commitTs <= startTs) {
            throw new IllegalArgumentException("commit_ts " + commitTs + " must exceed start_ts " + startTs);
        }
        byte[] enc = MvccKeys.encode(key);
        Lock lock = t.lock(enc);
        if (lock != null && lock.startTs() == startTs) {
            t.putWrite(enc, commitTs, new Write(WriteKind.of(lock.kind()), startTs, lock.shortValue()));
            t.deleteLock(enc);
            return;
        }
        VersionedWrite mine = t.findByStartTs(enc, startTs);
        if (mine != null && mine.write().kind() != WriteKind.ROLLBACK) {
            return; // committed before: idempotent
        }
        throw new TxnLockNotFoundException(key, startTs);
    }

    private void rollbackKey(byte[] key, long startTs, Overlay t) {
        byte[] enc = MvccKeys.encode(key);
        Lock lock = t.lock(enc);
        if (lock != null && lock.startTs() == startTs) {
            if (lock.kind() == LockKind.PUT && lock.shortValue() == null) {
                t.batch.delete(ColumnFamily.DEFAULT, MvccKeys.withTs(enc, startTs));
            }
            t.deleteLock(enc);
        } else {
            VersionedWrite mine = t.findByStartTs(enc, startTs);
            if (mine != null) {
                if (mine.write().kind() == WriteKind.ROLLBACK) {
                    return;
                }
                throw new AlreadyCommittedException(key, startTs, mine.commitTs());
            }
        }
        // commit_ts = start_ts is free: timestamps are unique, so no commit record can sit there
        t.putWrite(enc, startTs, new Write(WriteKind.ROLLBACK, startTs, null));
    }

    private void pessimisticLock(RegionCommand.AcquirePessimisticLock a, Overlay t) {
        long startTs = a.startTs();
        for (byte[] key : a.keys()) {
            byte[] enc = MvccKeys.encode(key);
            Lock existing = t.lock(enc);
            if (existing != null) {
                if (existing.startTs() != startTs) {
                    throw new KeyIsLockedException(key, existing);
                }
                continue;
            }
            for (VersionedWrite vw : t.writesSince(enc, startTs)) {
                if (vw.write().startTs() == startTs) {
                    // our own rollback: someone rolled this transaction back, it cannot lock again
                    throw new WriteConflictException(key, startTs, startTs, vw.commitTs());
                }
                if (vw.write().kind() == WriteKind.ROLLBACK || vw.commitTs() <= a.forUpdateTs()) {
                    continue;
                }
                throw new WriteConflictException(key, startTs, vw.write().startTs(), vw.commitTs());
            }
            t.putLock(enc, new Lock(LockKind.PESSIMISTIC, a.primary(), startTs, a.lockTtlMillis(), a.forUpdateTs(), null));
        }
    }

    private void resolveLock(RegionCommand.ResolveLock r, Overlay t) {
        List<byte[]> keys = r.keys();
        if (keys.isEmpty()) {
            keys = t.lockedKeysOf(r.startTs());
        }
        for (byte[] key : keys) {
            Lock lock = t.lock(MvccKeys.encode(key));
            if (lock == null || lock.startTs() != r.startTs()) {
                continue; // resolved already
            }
            if (r.commitTs() > 0) {
                commitKey(key, r.startTs(), r.commitTs(), t);
            } else {
                rollbackKey(key, r.startTs(), t);
            }
        }
    }

    private TxnStatus cleanup(RegionCommand.Cleanup c, Overlay t) {
        byte[] enc = MvccKeys.encode(c.primary());
        Lock lock = t.lock(enc);
        if (lock != null && lock.startTs() == c.lockTs()) {
            if (c.currentTs() > 0 && !lock.isExpired(c.currentTs())) {
                return TxnStatus.locked(lock);
            }
            rollbackKey(c.primary(), c.lockTs(), t);
            return TxnStatus.rolledBack();
        }
        VersionedWrite mine = t.findByStartTs(enc, c.lockTs());
        if (mine != null) {
            return mine.write().kind() == WriteKind.ROLLBACK ? TxnStatus.rolledBack() : TxnStatus.committed(mine.commitTs());
        }
        // Neither lock nor record: the primary was never prewritten (or its prewrite is still on
        // the way). A ROLLBACK record makes that prewrite fail, so the decision is final.
        t.putWrite(enc, c.lockTs(), new Write(WriteKind.ROLLBACK, c.lockTs(), null));
        return TxnStatus.rolledBack();
    }

    /**
     * Deletes, per key, the commit records below the safe point that no reader at or above it can
     * see: everything older than the newest record at or below the safe point, that record itself
     * unless it is a PUT, and the default-CF values of deleted PUTs. Returns the number of records
     * deleted. Commit records added earlier in the same group are not visible here; GC is proposed
     * on its own, so that costs nothing but a later pass.
     */
    private Long gc(RegionCommand.Gc g, Overlay t) {
        byte[] lo = MvccKeys.encode(g.startKey());
        byte[] hi = g.endKey().length == 0 ? null : MvccKeys.encode(g.endKey());
        long deleted = 0;
        try (EngineIterator it = engine.iterator(ColumnFamily.WRITE, lo, hi)) {
            byte[] currentKey = null;
            boolean visibleVersionSeen = false;
            for (it.seekToFirst(); it.valid(); it.next()) {
                byte[] k = it.key();
                byte[] enc = MvccKeys.stripTs(k);
                if (currentKey == null || !Arrays.equals(enc, currentKey)) {
                    currentKey = enc;
                    visibleVersionSeen = false;
                }
                long commitTs = MvccKeys.tsOf(k);
                if (commitTs > g.safePoint()) {
                    continue;
                }
                Write w = Write.decode(it.value());
                if (!visibleVersionSeen && w.kind() == WriteKind.PUT) {
                    visibleVersionSeen = true; // the version readers at the safe point see: keep it
                    continue;
                }
                if (w.kind().isDataVersion()) {
                    visibleVersionSeen = true; // a DELETE hides everything older; it can go too
                }
                t.batch.delete(ColumnFamily.WRITE, k);
                if (w.kind() == WriteKind.PUT && w.shortValue() == null) {
                    t.batch.delete(ColumnFamily.DEFAULT, MvccKeys.withTs(enc, w.startTs()));
                }
                deleted++;
            }
        }
        return deleted;
    }

    /**
     * Pending changes of a command (parent = the group's overlay) or of the group (parent = null),
     * layered over the engine. Reads look here first, then in the parent, then in the engine.
     */
    private final class Overlay {
        final Overlay parent;
        final WriteBatch batch = new WriteBatch();
        final Map<Key, Lock> locks = new HashMap<>();
        final Map<Key, List<VersionedWrite>> writes = new HashMap<>();
        final Set<Key> released = new LinkedHashSet<>();

        Overlay(Overlay parent) {
            this.parent = parent;
        }

        Lock lock(byte[] enc) {
            Key k = Key.own(enc);
            for (Overlay o = this; o != null; o = o.parent) {
                Lock l = o.locks.get(k);
                if (l != null) {
                    return l == REMOVED ? null : l;
                }
            }
            return reader.loadLock(enc);
        }

        void putLock(byte[] enc, Lock lock) {
            batch.put(ColumnFamily.LOCK, enc, lock.encode());
            Key k = Key.own(enc);
            locks.put(k, lock);
        }

        void deleteLock(byte[] enc) {
            batch.delete(ColumnFamily.LOCK, enc);
            Key k = Key.own(enc);
            locks.put(k, REMOVED);
            released.add(k);
        }

        void putWrite(byte[] enc, long commitTs, Write write) {
            batch.put(ColumnFamily.WRITE, MvccKeys.withTs(enc, commitTs), write.encode());
            writes.computeIfAbsent(Key.own(enc), x -> new ArrayList<>(1)).add(new VersionedWrite(commitTs, write));
        }

        /** Commit records with commit_ts >= min, from the engine and every pending layer, newest first. */
        List<VersionedWrite> writesSince(byte[] enc, long min) {
            List<VersionedWrite> out = reader.writesSince(enc, min);
            Key k = Key.own(enc);
            boolean added = false;
            for (Overlay o = this; o != null; o = o.parent) {
                List<VersionedWrite> pending = o.writes.get(k);
                if (pending != null) {
                    for (VersionedWrite vw : pending) {
                        if (vw.commitTs() >= min) {
                            out.removeIf(x -> x.commitTs() == vw.commitTs()); // a pending record replaces a stored one
                            out.add(vw);
                            added = true;
                        }
                    }
                }
            }
            if (added) {
                out.sort((x, y) -> Long.compare(y.commitTs(), x.commitTs()));
            }
            return out;
        }

        VersionedWrite findByStartTs(byte[] enc, long startTs) {
            for (VersionedWrite vw : writesSince(enc, startTs)) {
                if (vw.write().startTs() == startTs) {
                    return vw;
                }
            }
            return null;
        }

        /** User keys locked by transaction {@code startTs} in the engine or pending. */
        List<byte[]> lockedKeysOf(long startTs) {
            Map<Key, Boolean> found = new TreeMap<>();
            try (EngineIterator it = engine.iterator(ColumnFamily.LOCK, null, null)) {
                for (it.seekToFirst(); it.valid(); it.next()) {
                    if (Lock.decode(it.value()).startTs() == startTs) {
                        found.put(Key.own(it.key()), Boolean.TRUE);
                    }
                }
            }
            for (Overlay o = this; o != null; o = o.parent) {
                for (Map.Entry<Key, Lock> e : o.locks.entrySet()) {
                    if (e.getValue() != REMOVED && e.getValue().startTs() == startTs) {
                        found.put(e.getKey(), Boolean.TRUE);
                    }
                }
            }
            List<byte[]> keys = new ArrayList<>(found.size());
            for (Key enc : found.keySet()) {
                keys.add(MvccKeys.decode(enc.toByteArray()));
            }
            return keys;
        }

        void mergeIntoParent() {
            parent.batch.addAll(batch);
            parent.locks.putAll(locks);
            for (Map.Entry<Key, List<VersionedWrite>> e : writes.entrySet()) {
                parent.writes.computeIfAbsent(e.getKey(), x -> new ArrayList<>(1)).addAll(e.getValue());
            }
            parent.released.addAll(released);
        }
    }

    @Override
    public String toString() {
        return "RegionStateMachine[region " + region.id() + " [" + region.start() + ", " + region.end() + ")]";
    }
}
