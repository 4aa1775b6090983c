package io.strata.spi.kv;

import io.strata.spi.Key;

/**
 * The transactional key-value service the SQL layer runs on. In the playground it is backed by
 * local regions; later by a client that routes to remote regions. Both pass the same contract tests.
 */
public interface TxnKv extends AutoCloseable {
    Transaction begin(TxnOptions options);

    /**
     * The MVCC safe point: no transaction of this client reads or writes below it, now or later
     * (the oldest unfinished start timestamp, or a fresh timestamp when none is open).
     */
    long safePoint();

    /**
     * Physically removes every version and lock of the keys in {@code [start, end)} without a
     * transaction (TiKV's UnsafeDestroyRange), for the data of a dropped table or index. Only for
     * ranges no transaction can reach any more: the caller waits until {@link #safePoint()} has
     * passed the commit of the change that made the range unreachable.
     */
    void unsafeDestroyRange(Key start, Key end);

    @Override
    void close();
}
