package io.strata.spi.kv;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How a transaction is begun.
 *
 * @param isolation        snapshot per transaction or per statement
 * @param lockWaitTimeout  how long {@link Transaction#lockKeys} waits for another transaction's lock
 *                         before failing with LOCK_WAIT_TIMEOUT (MySQL's innodb_lock_wait_timeout)
 * @param readOnly         reject writes
 */
public record TxnOptions(IsolationLevel isolation, Duration lockWaitTimeout, boolean readOnly) {
    public static final TxnOptions DEFAULT = new TxnOptions(IsolationLevel.REPEATABLE_READ, Duration.ofSeconds(50), false);

    public TxnOptions {
        requireNonNull(isolation, "isolation is null");
        requireNonNull(lockWaitTimeout, "lockWaitTimeout is null");
    }
}
