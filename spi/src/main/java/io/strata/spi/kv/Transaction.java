package io.strata.spi.kv;

import io.strata.spi.Key;

import java.util.Collection;
import java.util.Map;

/**
 * A Percolator-style transaction over the ordered key space.
 *
 * <p>Reads see the snapshot at the read timestamp plus this transaction's own buffered writes.
 * Writes are buffered until {@link #commit()}, which runs two-phase commit (prewrite, then commit
 * of the primary, then secondaries). A write-write conflict with a transaction that committed after
 * our start timestamp fails the commit with {@code ErrorCode.WRITE_CONFLICT}; the caller decides
 * whether to retry. {@link #lockKeys} takes pessimistic locks at once (SELECT ... FOR UPDATE).
 *
 * <p>Statement atomicity: {@link #beginStatement()} marks a savepoint in the write buffer and
 * {@link #rollbackStatement()} drops everything buffered since, so a failing statement inside an
 * explicit transaction leaves the earlier statements' writes intact.
 *
 * <p>Not thread-safe: one session drives one transaction.
 */
public interface Transaction extends AutoCloseable {
    long startTs();

    /** The timestamp reads currently use: startTs, or the statement's under READ COMMITTED. */
    long readTs();

    IsolationLevel isolation();

    /** The value, or null when absent (or deleted) at the read timestamp. */
    byte[] get(Key key);

    /** Values of those keys that exist; absent keys are missing from the map. */
    Map<Key, byte[]> batchGet(Collection<Key> keys);

    /** Ascending scan of [start, end); an empty end means unbounded. */
    KvIterator scan(Key start, Key end);

    /** Descending scan of [start, end), largest key first. */
    KvIterator reverseScan(Key start, Key end);

    void put(Key key, byte[] value);

    void delete(Key key);

    /**
     * Takes pessimistic locks on the keys, waiting up to the lock-wait timeout for other holders.
     * Fails with LOCK_WAIT_TIMEOUT, or with WRITE_CONFLICT if a key was committed by another
     * transaction after this transaction's read timestamp.
     */
    void lockKeys(Collection<Key> keys);

    /** Marks the start of a statement: a savepoint, and under READ COMMITTED a new read timestamp. */
    void beginStatement();

    /** Drops the writes and locks buffered since {@link #beginStatement()}. */
    void rollbackStatement();

    /** True when nothing has been written or locked. */
    boolean isReadOnly();

    /** Two-phase commit; afterwards the transaction is finished. Returns the commit timestamp (0 when read-only). */
    long commit();

    /** Discards buffered writes and releases locks; afterwards the transaction is finished. Idempotent. */
    void rollback();

    boolean isFinished();

    @Override
    default void close() {
        if (!isFinished()) {
            rollback();
        }
    }
}
