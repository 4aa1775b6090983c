package io.strata.rowstore.store;

import io.strata.rowstore.command.Mutation;
import io.strata.rowstore.command.RegionCommand;
import io.strata.rowstore.engine.ColumnFamily;
import io.strata.rowstore.engine.EngineException;
import io.strata.rowstore.engine.EngineIterator;
import io.strata.rowstore.engine.KvEngine;
import io.strata.rowstore.engine.MemoryKvEngine;
import io.strata.rowstore.engine.RocksKvEngine;
import io.strata.rowstore.mvcc.Lock;
import io.strata.rowstore.mvcc.MvccKeys;
import io.strata.rowstore.mvcc.MvccReader;
import io.strata.rowstore.region.ApplyResult;
import io.strata.rowstore.region.RegionStateMachine;
import io.strata.rowstore.txn.KvBackend;
import io.strata.rowstore.txn.TxnKvClient;
import io.strata.spi.ErrorCode;
import io.strata.spi.Key;
import io.strata.spi.StrataException;
import io.strata.spi.TimestampOracle;
import io.strata.spi.kv.KvIterator;
import io.strata.spi.kv.TxnKv;
import io.strata.spi.region.Region;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import static java.util.Objects.requireNonNull;

/**
 * A single-node store hosting one region {@code [EMPTY, EMPTY)}: the playground's storage.
 *
 * <p>Writes go through a group-commit apply loop, the shape the Raft apply loop will have: callers
 * {@link #propose} a command and get a future; one applier thread drains the queue, applies the
 * whole group through the {@link RegionStateMachine} as one (synced) engine write, then completes
 * the futures and wakes transactions waiting for released locks. Reads do not hop threads: they
 * read the engine directly through an {@link MvccReader}.
 *
 * <p>One-phase commit ({@link #commitOnePhase}): every transaction's keys are in the one region, so
 * it commits with a single {@code OnePhaseCommit} command (one synced write) instead of a prewrite
 * and a commit. Its commit timestamp is taken before the command is applied, so until then a
 * <em>memory lock</em> on each key (TiKV's in-memory lock table) stands in for the prewrite lock:
 * it is registered before the commit timestamp is taken, and a read at a timestamp at or above the
 * transaction's start waits for it before reading the engine. A read that finds no memory lock took
 * its timestamp before the commit timestamp was taken (so it must not see the commit) or reads after
 * the records are applied.
 *
 * <p>After a crash nothing is replayed: the WAL restores RocksDB, and locks left by transactions
 * that were in flight are resolved lazily, by the first reader or writer that meets them after their
 * TTL (see the transaction client's lock resolver).
 */
public final class LocalStore implements KvBackend, AutoCloseable {
    private static final Region SINGLE_REGION = new Region(1, Key.EMPTY, Key.EMPTY,
            new Region.RegionEpoch(1, 1), List.of(new Region.Peer(1, 1, false)));

    private record Proposal(RegionCommand command, CompletableFuture<Object> future) {
    }

    private static final Proposal STOP = new Proposal(null, null);

    /** A one-phase commit in flight on a key: reads at or above {@code startTs} wait for {@code applied}. */
    private record MemoryLock(long startTs, CompletableFuture<Void> applied) {
    }

    private final KvEngine engine;
    private final TimestampOracle tso;
    private final StoreOptions options;
    private final RegionStateMachine stateMachine;
    private final MvccReader reader;
    private final BlockingQueue<Proposal> queue = new LinkedBlockingQueue<>();
    private final ConcurrentHashMap<Key, CompletableFuture<Void>> lockWaiters = new ConcurrentHashMap<>();
    /** Memory locks of one-phase commits in flight, by user key (at most one commit per key). */
    private final ConcurrentSkipListMap<Key, MemoryLock> memoryLocks = new ConcurrentSkipListMap<>();
    private final Thread applier;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final TxnKvClient txnKv;
    private final LongAdder commandsApplied = new LongAdder();
    private final LongAdder groupsApplied = new LongAdder();

    /** Counters of the apply loop; {@code commands / groups} is the average group-commit size. */
    public record Stats(long commandsApplied, long groupsApplied) {
    }

    private LocalStore(KvEngine engine, TimestampOracle tso, StoreOptions options) {
        this.engine = engine;
        this.tso = requireNonNull(tso, "tso is null");
        this.options = requireNonNull(options, "options is null");
        this.stateMachine = new RegionStateMachine(engine, SINGLE_REGION);
        this.reader = new MvccReader(engine);
        this.txnKv = new TxnKvClient(this, options.prewriteLockTtl(), options.pessimisticLockTtl(), this::close);
        this.applier = new Thread(this::applyLoop, "strata-store-applier");
        this.applier.setDaemon(true);
        this.applier.start();
    }

    /** Opens (or creates) a RocksDB-backed store in {@code dataDir}. */
    public static LocalStore open(Path dataDir, TimestampOracle tso, StoreOptions options) {
        requireNonNull(options, "options is null");
        KvEngine engine = RocksKvEngine.open(dataDir.resolve("rocksdb"), options.blockCacheBytes());
        try {
            return new LocalStore(engine, tso, options);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** A store on {@link MemoryKvEngine}: nothing persists; meant for tests of other modules. */
    public static LocalStore inMemory(TimestampOracle tso) {
        return inMemory(tso, StoreOptions.DEFAULT.withSyncWrites(false));
    }

    /** A store on {@link MemoryKvEngine} with explicit options (lock TTLs, group size). */
    public static LocalStore inMemory(TimestampOracle tso, StoreOptions options) {
        return new LocalStore(new MemoryKvEngine(), tso, options);
    }

    /**
     * The transactional API on this store. Closing it closes the store (the usual owner of a store is
     * whoever holds its {@code TxnKv}).
     */
    public TxnKv txnKv() {
        return txnKv;
    }

    /**
     * One MVCC garbage-collection pass over the region at the current safe point (below every
     * open transaction of {@link #txnKv()}): old versions are deleted in chunks of
     * {@code GC_CHUNK_KEYS} user keys, each chunk one command through the apply loop, so
     * transactions keep running in between. Returns the number of commit records deleted.
     */
    public long gc() {
        checkOpen();
        long safePoint = txnKv.safePoint();
        long deleted = 0;
        byte[] chunkStart = new byte[0];
        int keysInChunk = 0;
        byte[] lastKey = null;
        try (EngineIterator it = engine.iterator(ColumnFamily.WRITE, null, null)) {
            for (it.seekToFirst(); it.valid(); it.next()) {
                byte[] enc = MvccKeys.stripTs(it.key());
                if (lastKey != null && Arrays.equals(enc, lastKey)) {
                    continue;
                }
                lastKey = enc;
                if (++keysInChunk > GC_CHUNK_KEYS) {
                    byte[] userKey = MvccKeys.decode(enc);
                    deleted += (Long) execute(new RegionCommand.Gc(chunkStart, userKey, safePoint));
                    chunkStart = userKey;
                    keysInChunk = 1;
                }
            }
        }
        deleted += (Long) execute(new RegionCommand.Gc(chunkStart, new byte[0], safePoint));
        return deleted;
    }

    static final int GC_CHUNK_KEYS = 1024;

    public Stats stats() {
        return new Stats(commandsApplied.sum(), groupsApplied.sum());
    }

    public Region region() {
        return stateMachine.region();
    }

    public MvccReader reader() {
        return reader;
    }

    @Override
    public TimestampOracle tso() {
        return tso;
    }

    @Override
    public byte[] get(byte[] key, long readTs, long ownStartTs) {
        checkOpen();
        if (!memoryLocks.isEmpty()) {
            MemoryLock lock = memoryLocks.get(Key.own(key));
            if (lock != null && lock.startTs() <= readTs) {
                lock.applied().join();
            }
        }
        return reader.get(key, readTs, ownStartTs);
    }

    @Override
    public KvIterator scan(Key start, Key end, long readTs, long ownStartTs, boolean reverse) {
        checkOpen();
        if (!memoryLocks.isEmpty()) {
            Map<Key, MemoryLock> range = end.isEmpty() ? memoryLocks.tailMap(start) : memoryLocks.subMap(start, end);
            for (MemoryLock lock : range.values()) {
                if (lock.startTs() <= readTs) {
                    lock.applied().join();
                }
            }
        }
        return reader.scan(start, end, readTs, ownStartTs, reverse);
    }

    @Override
    public long commitOnePhase(List<Mutation> mutations, long startTs, long forUpdateTs) {
        if (!options.onePhaseCommit()) {
            return 0;
        }
        checkOpen();
        MemoryLock mine = new MemoryLock(startTs, new CompletableFuture<>());
        List<Key> held = lockInMemory(mutations, mine);
        try {
            long commitTs = tso.next().version(); // after the memory locks: see the class comment
            CompletableFuture<Object> applied = propose(new RegionCommand.OnePhaseCommit(mutations, startTs, commitTs, forUpdateTs));
            // Not interruptible: the memory locks must stay until the command is applied or refused.
            applied.handle((r, e) -> null).join();
            resultOf(applied);
            return commitTs;
        } finally {
            for (Key k : held) {
                memoryLocks.remove(k, mine);
            }
            mine.applied().complete(null);
        }
    }

    /**
     * Registers {@code mine} on every mutation's key. A key held by another one-phase commit makes
     * this one drop what it holds, wait for that commit to be applied and start over, so two
     * commits never wait for each other.
     */
    private List<Key> lockInMemory(List<Mutation> mutations, MemoryLock mine) {
        List<Key> held = new ArrayList<>(mutations.size());
        for (int i = 0; i < mutations.size(); ) {
            Key k = Key.own(mutations.get(i).key());
            MemoryLock other = memoryLocks.putIfAbsent(k, mine);
            if (other == null) {
                held.add(k);
                i++;
            } else {
                for (Key h : held) {
                    memoryLocks.remove(h, mine);
                }
                held.clear();
                i = 0;
                other.applied().join();
            }
        }
        return held;
    }

    /** Queues the command for the applier; the future completes once the command's group is durable. */
    public CompletableFuture<Object> propose(RegionCommand command) {
        requireNonNull(command, "command is null");
        CompletableFuture<Object> f = new CompletableFuture<>();
        if (closed.get()) {
            f.completeExceptionally(ErrorCode.SERVER_SHUTDOWN.error());
            return f;
        }
        queue.add(new Proposal(command, f));
        if (closed.get()) {
            // raced with close: the applier may be gone; failing twice is harmless
            f.completeExceptionally(ErrorCode.SERVER_SHUTDOWN.error());
        }
        return f;
    }

    @Override
    public Object execute(RegionCommand command) {
        return resultOf(propose(command));
    }

    /** Waits for a proposal's outcome: its result, or its error rethrown. */
    private static Object resultOf(CompletableFuture<Object> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StrataException(ErrorCode.QUERY_INTERRUPTED, ErrorCode.QUERY_INTERRUPTED.format(), e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new StrataException(ErrorCode.INTERNAL, ErrorCode.INTERNAL.format(String.valueOf(c)), c);
        }
    }

    @Override
    public boolean awaitLockRelease(byte[] key, long lockStartTs, long timeoutNanos) throws InterruptedException {
        byte[] enc = MvccKeys.encode(key);
        Key k = Key.own(enc);
        // Register before looking, so a release between the look and the wait still wakes us.
        CompletableFuture<Void> released = lockWaiters.computeIfAbsent(k, x -> new CompletableFuture<>());
        Lock lock = reader.loadLock(enc);
        if (lock == null || lock.startTs() != lockStartTs) {
            return true;
        }
        try {
            released.get(timeoutNanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true; // the store closed: let the caller retry and see the shutdown
        }
    }

    private void applyLoop() {
        List<Proposal> group = new ArrayList<>(options.maxGroupSize());
        List<RegionCommand> commands = new ArrayList<>(options.maxGroupSize());
        boolean stop = false;
        while (!stop) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(group, options.maxGroupSize() - 1);
            commands.clear();
            for (Proposal p : group) {
                if (p == STOP) {
                    stop = true;
                } else {
                    commands.add(p.command());
                }
            }
            group.removeIf(p -> p == STOP);
            applyGroup(group, commands);
            group.clear();
        }
    }

    private void applyGroup(List<Proposal> group, List<RegionCommand> commands) {
        if (group.isEmpty()) {
            return;
        }
        ApplyResult result;
        try {
            result = stateMachine.apply(commands, options.syncWrites());
        } catch (RuntimeException e) {
            StrataException failure = e instanceof EngineException
                    ? new StrataException(ErrorCode.STORAGE_ERROR, ErrorCode.STORAGE_ERROR.format(e.getMessage()), e)
                    : new StrataException(ErrorCode.INTERNAL, ErrorCode.INTERNAL.format(String.valueOf(e)), e);
            for (Proposal p : group) {
                p.future().completeExceptionally(failure);
            }
            return;
        }
        commandsApplied.add(group.size());
        groupsApplied.increment();
        for (int i = 0; i < group.size(); i++) {
            Object outcome = result.outcomes().get(i);
            if (outcome instanceof RuntimeException e) {
                group.get(i).future().completeExceptionally(e);
            } else {
                group.get(i).future().complete(outcome);
            }
        }
        for (Key released : result.releasedLocks()) {
            CompletableFuture<Void> waiter = lockWaiters.remove(released);
            if (waiter != null) {
                waiter.complete(null);
            }
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw ErrorCode.SERVER_SHUTDOWN.error();
        }
    }

    /**
     * Stops the transaction client's background work and the applier (after the commands already
     * queued), then closes the engine. Idempotent; closing {@link #txnKv()} does the same.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        txnKv.close(); // stops the heartbeat thread; its call back into close() returns at once
        queue.add(STOP);
        boolean interrupted = false;
        while (applier.isAlive()) {
            try {
                applier.join(); // the engine must outlive the applier's last write
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        StrataException shutdown = ErrorCode.SERVER_SHUTDOWN.error();
        for (Proposal p; (p = queue.poll()) != null; ) {
            if (p != STOP) {
                p.future().completeExceptionally(shutdown);
            }
        }
        lockWaiters.values().forEach(f -> f.completeExceptionally(shutdown));
        lockWaiters.clear();
        engine.close();
    }
}
