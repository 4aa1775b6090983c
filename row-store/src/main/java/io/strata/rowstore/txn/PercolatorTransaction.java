package io.strata.rowstore.txn;

import io.strata.rowstore.command.Mutation;
import io.strata.rowstore.command.RegionCommand;
import io.strata.rowstore.engine.EngineException;
import io.strata.rowstore.mvcc.KeyIsLockedException;
import io.strata.rowstore.mvcc.MvccException;
import io.strata.rowstore.mvcc.TxnLockNotFoundException;
import io.strata.rowstore.mvcc.WriteConflictException;
import io.strata.spi.ErrorCode;
import io.strata.spi.Key;
import io.strata.spi.StrataException;
import io.strata.spi.kv.IsolationLevel;
import io.strata.spi.kv.KvIterator;
import io.strata.spi.kv.KvPair;
import io.strata.spi.kv.Transaction;
import io.strata.spi.kv.TxnOptions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * A Percolator transaction (the client side of TiKV's 2PC).
 *
 * <p>Writes are buffered in a sorted map (deletes as a tombstone) and reads merge that buffer over
 * the snapshot at {@link #readTs()}. Statement savepoints are an undo log of buffer changes since
 * {@link #beginStatement()}. {@link #lockKeys} writes pessimistic locks through the region at once.
 *
 * <p>Commit: when the backend can commit every mutation (plus lock-only keys) in one step (all in
 * one region) it does, with no lock left in between: one durable write instead of two (TiKV's
 * one-phase commit). Otherwise two phases: prewrite every mutation with the primary key, take a
 * commit timestamp, then commit the primary: once the primary's commit record is durable the
 * transaction is committed, whatever happens to the secondaries (a reader meeting a secondary lock
 * rolls it forward). With a single region the primary and the secondaries are committed by one
 * atomic command, which is that same decision made in one step.
 */
public final class PercolatorTransaction implements Transaction {
    /** Identity-compared marker of a buffered delete. */
    private static final byte[] TOMBSTONE = new byte[0];

    private record Undo(Key key, byte[] previous) {
    }

    private static final KvIterator EMPTY_ITERATOR = new KvIterator() {
        @Override
        public boolean hasNext() {
            return false;
        }

        @Override
        public KvPair next() {
            throw new NoSuchElementException();
        }

        @Override
        public void close() {
        }
    };

    private final KvBackend backend;
    private final LockResolver resolver;
    private final WaitForGraph waitForGraph;
    private final TxnHeartbeater heartbeater;
    private final TxnOptions options;
    private final long prewriteTtlMillis;
    private final long pessimisticTtlMillis;
    /** Told once when this transaction finishes (commit, rollback or failed commit). */
    private final LongConsumer onFinish;
    private final long startTs;
    /** Local monotonic time at begin: lock TTLs count from the start timestamp, so they add the elapsed time. */
    private final long beganNanos;
    private long readTs;

    private final TreeMap<Key, byte[]> buffer = new TreeMap<>();
    /** Keys holding our pessimistic locks, in acquisition order. */
    private final Set<Key> locked = new LinkedHashSet<>();
    private Key primary;
    private long maxForUpdateTs;

    private boolean inStatement;
    private final List<Undo> statementUndo = new ArrayList<>();
    private final List<Key> statementLocked = new ArrayList<>();

    private boolean finished;

    PercolatorTransaction(KvBackend backend, LockResolver resolver, WaitForGraph waitForGraph, TxnHeartbeater heartbeater,
                          TxnOptions options, long startTs, long prewriteTtlMillis, long pessimisticTtlMillis,
                          LongConsumer onFinish) {
        this.backend = backend;
        this.resolver = resolver;
        this.waitForGraph = waitForGraph;
        this.heartbeater = heartbeater;
        this.options = options;
        this.prewriteTtlMillis = prewriteTtlMillis;
        this.pessimisticTtlMillis = pessimisticTtlMillis;
        this.startTs = startTs;
        this.onFinish = onFinish;
        this.beganNanos = System.nanoTime();
        this.readTs = startTs;
    }

    @Override
    public long startTs() {
        return startTs;
    }

    @Override
    public long readTs() {
        return readTs;
    }

    @Override
    public IsolationLevel isolation() {
        return options.isolation();
    }

    // ------------------------------------------------------------------ reads

    @Override
    public byte[] get(Key key) {
        checkActive();
        byte[] buffered = buffer.get(key);
        if (buffered != null) {
            return buffered == TOMBSTONE ? null : buffered.clone();
        }
        byte[] k = key.toByteArray();
        return withLockResolution(() -> backend.get(k, readTs, startTs));
    }

    @Override
    public Map<Key, byte[]> batchGet(Collection<Key> keys) {
        Map<Key, byte[]> out = new LinkedHashMap<>();
        for (Key key : keys) {
            byte[] v = get(key);
            if (v != null) {
                out.put(key, v);
            }
        }
        return out;
    }

    @Override
    public KvIterator scan(Key start, Key end) {
        return scan(start, end, false);
    }

    @Override
    public KvIterator reverseScan(Key start, Key end) {
        return scan(start, end, true);
    }

    private KvIterator scan(Key start, Key end, boolean reverse) {
        checkActive();
        if (!end.isEmpty() && start.compareTo(end) >= 0) {
            return EMPTY_ITERATOR;
        }
        KvIterator stored = withLockResolution(() -> backend.scan(start, end, readTs, startTs, reverse));
        NavigableMap<Key, byte[]> range = end.isEmpty() ? buffer.tailMap(start, true) : buffer.subMap(start, true, end, false);
        stored = new StorageErrorMapping(stored);
        if (range.isEmpty()) {
            return stored;
        }
        // The buffer is only read while the iterator is consumed by this same (single-threaded) session.
        NavigableMap<Key, byte[]> view = reverse ? range.descendingMap() : range;
        return new BufferMergingIterator(stored, new ArrayList<>(view.entrySet()).iterator(), TOMBSTONE, reverse);
    }

    /** Runs a read, resolving (or waiting for) blocking locks until it succeeds or the lock-wait timeout passes. */
    private <T> T withLockResolution(Supplier<T> read) {
        long deadline = System.nanoTime() + options.lockWaitTimeout().toNanos();
        while (true) {
            try {
                return read.get();
            } catch (KeyIsLockedException e) {
                resolveOrWaitForHolder(e, deadline);
            } catch (EngineException e) {
                throw storageError(e);
            }
        }
    }

    // ------------------------------------------------------------------ writes

    @Override
    public void put(Key key, byte[] value) {
        checkWritable();
        record(key, value.clone());
    }

    @Override
    public void delete(Key key) {
        checkWritable();
        record(key, TOMBSTONE);
    }

    private void record(Key key, byte[] value) {
        byte[] previous = buffer.put(key, value);
        if (inStatement) {
            statementUndo.add(new Undo(key, previous));
        }
    }

    @Override
    public void lockKeys(Collection<Key> keys) {
        checkWritable();
        TreeSet<Key> wanted = new TreeSet<>(keys);
        wanted.removeAll(locked);
        if (wanted.isEmpty()) {
            return;
        }
        List<byte[]> raw = new ArrayList<>(wanted.size());
        for (Key k : wanted) {
            raw.add(k.toByteArray());
        }
        Key primaryKey = primary != null ? primary : wanted.first();
        long forUpdateTs = readTs; // a commit after our read timestamp is a conflict
        RegionCommand cmd = new RegionCommand.AcquirePessimisticLock(raw, primaryKey.toByteArray(), startTs,
                forUpdateTs, elapsedMillis() + pessimisticTtlMillis);
        long deadline = System.nanoTime() + options.lockWaitTimeout().toNanos();
        while (true) {
            try {
                backend.execute(cmd);
                break;
            } catch (KeyIsLockedException e) {
                resolveOrWaitForHolder(e, deadline);
            } catch (WriteConflictException e) {
                throw writeConflict(e.key(), e);
            } catch (EngineException e) {
                throw storageError(e);
            }
        }
        if (primary == null) {
            heartbeater.register(primaryKey.toByteArray(), startTs, beganNanos);
        }
        primary = primaryKey;
        maxForUpdateTs = Math.max(maxForUpdateTs, forUpdateTs);
        locked.addAll(wanted);
        if (inStatement) {
            statementLocked.addAll(wanted);
        }
    }

    // ------------------------------------------------------------------ statements

    @Override
    public void beginStatement() {
        checkActive();
        inStatement = true;
        statementUndo.clear();
        statementLocked.clear();
        if (options.isolation() == IsolationLevel.READ_COMMITTED) {
            readTs = backend.tso().next().version();
        }
    }

    @Override
    public void rollbackStatement() {
        checkActive();
        for (int i = statementUndo.size() - 1; i >= 0; i--) {
            Undo u = statementUndo.get(i);
            if (u.previous() == null) {
                buffer.remove(u.key());
            } else {
                buffer.put(u.key(), u.previous());
            }
        }
        statementUndo.clear();
        // The primary's lock stays: other locks of this transaction point at it, and a missing
        // primary would let a resolver roll the whole (live) transaction back.
        List<byte[]> release = new ArrayList<>();
        for (Key k : statementLocked) {
            if (!k.equals(primary)) {
                release.add(k.toByteArray());
                locked.remove(k);
            }
        }
        statementLocked.clear();
        if (!release.isEmpty()) {
            execute(new RegionCommand.PessimisticRollback(release, startTs));
        }
    }

    // ------------------------------------------------------------------ commit / rollback

    @Override
    public boolean isReadOnly() {
        return buffer.isEmpty() && locked.isEmpty();
    }

    @Override
    public long commit() {
        checkActive();
        if (isReadOnly()) {
            markFinished();
            onFinish.accept(startTs);
            return 0;
        }
        List<Mutation> mutations = new ArrayList<>(buffer.size() + locked.size());
        List<byte[]> keys = new ArrayList<>(buffer.size() + locked.size());
        for (Map.Entry<Key, byte[]> e : buffer.entrySet()) {
            byte[] k = e.getKey().toByteArray();
            byte[] v = e.getValue();
            mutations.add(v == TOMBSTONE ? Mutation.delete(k) : Mutation.put(k, v));
            keys.add(k);
        }
        for (Key k : locked) {
            if (!buffer.containsKey(k)) {
                byte[] raw = k.toByteArray();
                mutations.add(Mutation.lock(raw));
                keys.add(raw);
            }
        }
        markFinished(); // whatever happens below, this transaction object is done
        try {
            long commitTs = onePhaseCommit(mutations);
            if (commitTs != 0) {
                return commitTs;
            }
            Key primaryKey = primary != null ? primary : buffer.firstKey();
            byte[] primaryRaw = primaryKey.toByteArray();
            // large transactions take longer to prewrite and commit: 100 ms more per 1000 mutations
            long ttl = elapsedMillis() + prewriteTtlMillis + Math.min(120_000L, mutations.size() / 1000L * 100L);
            RegionCommand.Prewrite prewrite = new RegionCommand.Prewrite(mutations, primaryRaw, startTs, ttl, maxForUpdateTs);
            return twoPhaseCommit(prewrite, keys, primaryRaw);
        } finally {
            heartbeater.unregister(startTs);
            onFinish.accept(startTs); // after the commit: GC must not pass our prewrites' start_ts early
        }
    }

    /**
     * Commits in one step if the backend can (returns the commit timestamp, or 0 for two-phase
     * commit), resolving or waiting for other transactions' locks as a prewrite does. A failure
     * wrote nothing; our pessimistic locks are then released.
     */
    private long onePhaseCommit(List<Mutation> mutations) {
        long deadline = System.nanoTime() + options.lockWaitTimeout().toNanos();
        try {
            while (true) {
                try {
                    return backend.commitOnePhase(mutations, startTs, maxForUpdateTs);
                } catch (KeyIsLockedException e) {
                    resolveOrWaitForHolder(e, deadline);
                }
            }
        } catch (WriteConflictException e) {
            releasePessimisticLocks();
            throw writeConflict(e.key(), e);
        } catch (RuntimeException e) {
            releasePessimisticLocks();
            throw e instanceof EngineException ee ? storageError(ee) : e;
        }
    }

    private void releasePessimisticLocks() {
        if (locked.isEmpty()) {
            return;
        }
        List<byte[]> keys = new ArrayList<>(locked.size());
        for (Key k : locked) {
            keys.add(k.toByteArray());
        }
        locked.clear();
        try {
            backend.execute(new RegionCommand.PessimisticRollback(keys, startTs));
        } catch (RuntimeException suppressed) {
            // best effort: the pessimistic locks expire after their TTL
        }
    }

    private long twoPhaseCommit(RegionCommand.Prewrite prewrite, List<byte[]> keys, byte[] primaryRaw) {
        long deadline = System.nanoTime() + options.lockWaitTimeout().toNanos();
        try {
            while (true) {
                try {
                    backend.execute(prewrite);
                    break;
                } catch (KeyIsLockedException e) {
                    resolveOrWaitForHolder(e, deadline);
                }
            }
        } catch (WriteConflictException e) {
            rollbackPrewrite(keys);
            throw writeConflict(e.key(), e);
        } catch (RuntimeException e) {
            rollbackPrewrite(keys);
            throw e instanceof EngineException ee ? storageError(ee) : e;
        }
        long commitTs = backend.tso().next().version();
        // Primary first: its commit record is the durable decision.
        List<byte[]> commitKeys = new ArrayList<>(keys.size());
        commitKeys.add(primaryRaw);
        for (byte[] k : keys) {
            if (!Arrays.equals(k, primaryRaw)) {
                commitKeys.add(k);
            }
        }
        try {
            backend.execute(new RegionCommand.Commit(commitKeys, startTs, commitTs));
        } catch (TxnLockNotFoundException e) {
            // a resolver rolled us back after our lock TTL ran out: the commit did not happen
            throw new StrataException(ErrorCode.WRITE_CONFLICT,
                    ErrorCode.WRITE_CONFLICT.format(HexFormat.of().formatHex(primaryRaw) + " (transaction rolled back by another after its lock TTL)"), e);
        } catch (EngineException e) {
            throw storageError(e);
        }
        return commitTs;
    }

    /**
     * A write (pessimistic lock or prewrite) met another transaction's lock: resolve it if its
     * owner is finished or expired, else wait for it with an edge in the wait-for graph, failing
     * with LOCK_DEADLOCK if that edge would close a cycle.
     */
    private void resolveOrWaitForHolder(KeyIsLockedException e, long deadline) {
        if (resolver.tryResolve(e.key(), e.lock())) {
            return;
        }
        if (!waitForGraph.tryAddEdge(startTs, e.lock().startTs())) {
            throw ErrorCode.LOCK_DEADLOCK.error();
        }
        try {
            resolver.waitForRelease(e.key(), e.lock(), deadline, options.interrupted());
        } finally {
            waitForGraph.removeEdge(startTs);
        }
    }

    private void rollbackPrewrite(List<byte[]> keys) {
        try {
            backend.execute(new RegionCommand.Rollback(keys, startTs));
        } catch (RuntimeException suppressed) {
            // best effort: the locks expire and are rolled back by whoever meets them
        }
    }

    @Override
    public void rollback() {
        if (finished) {
            return;
        }
        markFinished();
        heartbeater.unregister(startTs);
        buffer.clear();
        try {
            releasePessimisticLocks();
        } finally {
            onFinish.accept(startTs);
        }
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    // ------------------------------------------------------------------ helpers

    private Object execute(RegionCommand command) {
        try {
            return backend.execute(command);
        } catch (EngineException e) {
            throw storageError(e);
        } catch (MvccException e) {
            throw new StrataException(ErrorCode.INTERNAL, ErrorCode.INTERNAL.format(e.getMessage()), e);
        }
    }

    private void markFinished() {
        finished = true;
    }

    private long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - beganNanos);
    }

    private void checkActive() {
        if (finished) {
            throw new StrataException(ErrorCode.INTERNAL, ErrorCode.INTERNAL.format("transaction " + startTs + " is finished"));
        }
    }

    private void checkWritable() {
        checkActive();
        if (options.readOnly()) {
            throw ErrorCode.READ_ONLY_TRANSACTION.error();
        }
    }

    private static StrataException writeConflict(byte[] key, RuntimeException cause) {
        return new StrataException(ErrorCode.WRITE_CONFLICT, ErrorCode.WRITE_CONFLICT.format(HexFormat.of().formatHex(key)), cause);
    }

    /** Lets engine failures met while the caller walks a scan reach it as STORAGE_ERROR. */
    private static final class StorageErrorMapping implements KvIterator {
        private final KvIterator delegate;

        StorageErrorMapping(KvIterator delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean hasNext() {
            try {
                return delegate.hasNext();
            } catch (EngineException e) {
                throw storageError(e);
            }
        }

        @Override
        public KvPair next() {
            try {
                return delegate.next();
            } catch (EngineException e) {
                throw storageError(e);
            }
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private static StrataException storageError(EngineException e) {
        return new StrataException(ErrorCode.STORAGE_ERROR, ErrorCode.STORAGE_ERROR.format(e.getMessage()), e);
    }
}
