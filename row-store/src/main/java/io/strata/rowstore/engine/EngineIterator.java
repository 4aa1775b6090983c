package io.strata.rowstore.engine;

/**
 * A cursor over one column family, shaped like RocksDB's iterator: seek, then step while
 * {@link #valid()}. Value arrays returned belong to the caller; a key array may be the same one for
 * every {@link #key()} call at one position, so callers must not modify it.
 */
public interface EngineIterator extends AutoCloseable {
    /** Positions at the first key {@code >= target} (within bounds). */
    void seek(byte[] target);

    /** Positions at the last key {@code <= target} (within bounds). */
    void seekForPrev(byte[] target);

    void seekToFirst();

    void seekToLast();

    boolean valid();

    void next();

    void prev();

    byte[] key();

    byte[] value();

    @Override
    void close();
}
