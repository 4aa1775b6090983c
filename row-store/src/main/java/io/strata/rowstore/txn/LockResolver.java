package io.strata.rowstore.txn;

import io.strata.rowstore.command.RegionCommand;
import io.strata.rowstore.mvcc.Lock;
import io.strata.rowstore.mvcc.TxnStatus;
import io.strata.spi.ErrorCode;
import io.strata.spi.Timestamp;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Gets rid of another transaction's lock, or waits for it (Percolator's lazy crash recovery). The
 * primary lock decides a transaction's fate: if the primary is committed the lock is rolled forward
 * (committed at the same commit timestamp), if it is rolled back or its TTL expired the lock is
 * rolled back, and if it is alive the caller waits for the lock to be released, never longer than
 * the lock's remaining TTL, then tries again.
 */
public final class LockResolver {
    /** Longest uninterrupted wait for a lock: how late a KILL QUERY may be noticed. */
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final KvBackend backend;

    public LockResolver(KvBackend backend) {
        this.backend = requireNonNull(backend, "backend is null");
    }

    /** Resolves the lock on {@code key} if its transaction is finished or expired; false when it is alive. */
    public boolean tryResolve(byte[] key, Lock lock) {
        long now = backend.tso().next().version();
        TxnStatus status = (TxnStatus) backend.execute(new RegionCommand.Cleanup(lock.primary(), lock.startTs(), now));
        switch (status.state()) {
            case COMMITTED -> backend.execute(new RegionCommand.ResolveLock(lock.startTs(), status.commitTs(), List.of(key)));
            case ROLLED_BACK -> backend.execute(new RegionCommand.ResolveLock(lock.startTs(), 0, List.of(key)));
            case LOCKED -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Resolves the lock or waits for its release (at most until the deadline, and at most until the
     * lock's TTL runs out so an abandoned lock is then rolled back on the next attempt).
     *
     * @throws io.strata.spi.StrataException LOCK_WAIT_TIMEOUT when the deadline passes,
     *         QUERY_INTERRUPTED when {@code interrupted} turns true while waiting (KILL QUERY)
     */
    public void resolveOrWait(byte[] key, Lock lock, long deadlineNanos, BooleanSupplier interrupted) {
        if (tryResolve(key, lock)) {
            return;
        }
        waitForRelease(key, lock, deadlineNanos, interrupted);
    }

    /**
     * Waits until the lock is released, its TTL runs out (then returns so the caller resolves it) or
     * the deadline passes. The wait is cut into short slices so a cancelled statement stops waiting
     * within one slice.
     */
    void waitForRelease(byte[] key, Lock lock, long deadlineNanos, BooleanSupplier interrupted) {
        long nowMillis = backend.tso().next().physicalMillis();
        long expiresMillis = (lock.startTs() >>> Timestamp.LOGICAL_BITS) + lock.ttlMillis();
        long expiryNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, expiresMillis - nowMillis));
        try {
            while (true) {
                if (interrupted.getAsBoolean()) {
                    throw ErrorCode.QUERY_INTERRUPTED.error();
                }
                long now = System.nanoTime();
                long remaining = deadlineNanos - now;
                if (remaining <= 0) {
                    throw ErrorCode.LOCK_WAIT_TIMEOUT.error();
                }
                long untilExpiry = expiryNanos - now;
                if (untilExpiry <= 0) {
                    return;
                }
                long slice = Math.min(WAIT_SLICE_NANOS, Math.min(remaining, untilExpiry));
                if (backend.awaitLockRelease(key, lock.startTs(), slice)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ErrorCode.QUERY_INTERRUPTED.error();
        }
    }
}
