package io.strata.rowstore.txn;

import io.strata.rowstore.command.RegionCommand;
import io.strata.spi.ErrorCode;
import io.strata.spi.Key;
import io.strata.spi.kv.Transaction;
import io.strata.spi.kv.TxnKv;
import io.strata.spi.kv.TxnOptions;

import java.time.Duration;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * {@link TxnKv} over any {@link KvBackend}: begins {@link PercolatorTransaction}s that share one
 * lock resolver, one deadlock detector and one heartbeat thread for pessimistic transactions.
 */
public final class TxnKvClient implements TxnKv {
    private final KvBackend backend;
    private final LockResolver resolver;
    private final WaitForGraph waitForGraph = new WaitForGraph();
    private final Duration prewriteLockTtl;
    private final Duration pessimisticLockTtl;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final TxnHeartbeater heartbeater;
    /** Start timestamps of unfinished transactions; guarded by itself together with taking a start timestamp. */
    private final TreeMap<Long, Integer> active = new TreeMap<>();

    /**
     * @param onClose run once by {@link #close()}, e.g. closing the store the backend belongs to
     */
    public TxnKvClient(KvBackend backend, Duration prewriteLockTtl, Duration pessimisticLockTtl, Runnable onClose) {
        this.backend = requireNonNull(backend, "backend is null");
        this.prewriteLockTtl = requireNonNull(prewriteLockTtl, "prewriteLockTtl is null");
        this.pessimisticLockTtl = requireNonNull(pessimisticLockTtl, "pessimisticLockTtl is null");
        this.onClose = requireNonNull(onClose, "onClose is null");
        this.resolver = new LockResolver(backend);
        this.heartbeater = new TxnHeartbeater(backend, pessimisticLockTtl.toMillis());
    }

    @Override
    public Transaction begin(TxnOptions options) {
        requireNonNull(options, "options is null");
        if (closed.get()) {
            throw ErrorCode.SERVER_SHUTDOWN.error();
        }
        long startTs;
        synchronized (active) {
            // taken and registered atomically, so safePoint() never passes a starting transaction
            startTs = backend.tso().next().version();
            active.merge(startTs, 1, Integer::sum);
        }
        return new PercolatorTransaction(backend, resolver, waitForGraph, heartbeater, options, startTs,
                prewriteLockTtl.toMillis(), pessimisticLockTtl.toMillis(), this::finished);
    }

    private void finished(long startTs) {
        synchronized (active) {
            active.computeIfPresent(startTs, (k, n) -> n == 1 ? null : n - 1);
        }
    }

    @Override
    public long safePoint() {
        synchronized (active) {
            return active.isEmpty() ? backend.tso().next().version() : active.firstKey();
        }
    }

    @Override
    public void unsafeDestroyRange(Key start, Key end) {
        if (closed.get()) {
            throw ErrorCode.SERVER_SHUTDOWN.error();
        }
        backend.execute(new RegionCommand.DestroyRange(start.toByteArray(), end.toByteArray()));
    }

    /** Stops the heartbeat thread, then runs {@code onClose}. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            heartbeater.close();
            onClose.run();
        }
    }
}
