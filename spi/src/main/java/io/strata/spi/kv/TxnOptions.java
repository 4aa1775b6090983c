package io.strata.spi.kv;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * How a transaction is begun.
 *
 * @param isolation        snapshot per transaction or per statement
 * @param lockWaitTimeout  how long {@link Transaction#lockKeys} waits for another transaction's lock
 *                         before failing with LOCK_WAIT_TIMEOUT (MySQL's innodb_lock_wait_timeout)
 * @param readOnly         reject writes
 * @param interrupted      polled while waiting for another transaction's lock; once it answers
 *                         true the wait fails with QUERY_INTERRUPTED (KILL QUERY of the statement)
 */
public record TxnOptions(IsolationLevel isolation, Duration lockWaitTimeout, boolean readOnly, BooleanSupplier interrupted) {
    /** Lock waits that only end by release or timeout. */
    public static final BooleanSupplier NEVER_INTERRUPTED = () -> false;
    public static final TxnOptions DEFAULT = new TxnOptions(IsolationLevel.REPEATABLE_READ, Duration.ofSeconds(50), false);

    public TxnOptions {
        requireNonNull(isolation, "isolation is null");
        requireNonNull(lockWaitTimeout, "lockWaitTimeout is null");
        requireNonNull(interrupted, "interrupted is null");
    }

    public TxnOptions(IsolationLevel isolation, Duration lockWaitTimeout, boolean readOnly) {
        this(isolation, lockWaitTimeout, readOnly, NEVER_INTERRUPTED);
    }
}
