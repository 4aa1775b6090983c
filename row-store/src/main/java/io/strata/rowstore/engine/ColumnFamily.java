package io.strata.rowstore.engine;

/**
 * The column families of a store, as in TiKV. {@code LOCK}, {@code DEFAULT} and {@code WRITE} hold
 * the Percolator MVCC data (see {@code io.strata.rowstore.mvcc}); {@code RAFT} is reserved for Raft
 * state and store metadata (apply index, region descriptors) once regions are replicated.
 */
public enum ColumnFamily {
    DEFAULT("default"),
    LOCK("lock"),
    WRITE("write"),
    RAFT("raft");

    private final String cfName;

    ColumnFamily(String cfName) {
        this.cfName = cfName;
    }

    /** The RocksDB column family name ({@code default} is RocksDB's own default family). */
    public String cfName() {
        return cfName;
    }
}
