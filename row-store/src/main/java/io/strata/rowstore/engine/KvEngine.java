package io.strata.rowstore.engine;

/**
 * A raw ordered key-value engine with column families: the only place that knows whether data
 * lives in RocksDB or in memory. Keys and values are unsigned-lexicographically ordered byte arrays.
 *
 * <p>Thread-safety: gets and iterators may run concurrently with one writer. A {@link WriteBatch}
 * becomes visible atomically. Arrays passed in are not retained after the call returns except by
 * {@link WriteBatch}, which owns what it is given; arrays returned belong to the caller.
 */
public interface KvEngine extends AutoCloseable {
    /** The value, or null when absent. */
    byte[] get(ColumnFamily cf, byte[] key);

    /**
     * An unpositioned iterator over {@code [lower, upper)}; null bounds are open. The caller
     * positions it with a seek and must close it.
     */
    EngineIterator iterator(ColumnFamily cf, byte[] lower, byte[] upper);

    /** Applies the batch atomically; with {@code sync} the write is durable (WAL fsync) on return. */
    void write(WriteBatch batch, boolean sync);

    @Override
    void close();
}
