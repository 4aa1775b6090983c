package io.strata.rowstore.txn;

import io.strata.spi.ErrorCode;
import io.strata.spi.kv.Transaction;
import io.strata.spi.kv.TxnKv;
import io.strata.spi.kv.TxnOptions;

import java.time.Duration;
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
        return new PercolatorTransaction(backend, resolver, waitForGraph, heartbeater, options,
                prewriteLockTtl.toMillis(), pessimisticLockTtl.toMillis());
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
