package io.strata.optimizer.exec;

import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.spi.kv.Transaction;

import java.util.Iterator;
import java.util.List;

/**
 * Reads a table's rows through a transaction, decoding stored rows into values of the columns'
 * Java types (absent columns take their defaults). The iterators are lazy and must be exhausted
 * or closed by the caller if they implement AutoCloseable.
 */
public interface TableAccess {
    /** Rows with handle in [fromHandle, toHandle] in handle order; Long.MIN_VALUE/MAX_VALUE for open ends. */
    Iterator<Row> scan(Transaction txn, TableDef table, long fromHandle, long toHandle);

    /**
     * As {@link #scan(Transaction, TableDef, long, long)}, decoding only the columns (positions in
     * {@code table.columns()}) set in {@code columns}; the others are null. A scan whose consumer
     * reads few columns of a wide row skips decoding the rest.
     */
    default Iterator<Row> scan(Transaction txn, TableDef table, long fromHandle, long toHandle, java.util.BitSet columns) {
        return scan(txn, table, fromHandle, toHandle);
    }

    /** The row with that handle, or null. */
    Row get(Transaction txn, TableDef table, long handle);

    /**
     * Rows whose leading index columns equal {@code prefix} (values already coerced to the column
     * types), in index order. For the primary key of a pkIsHandle table this is a point get.
     */
    Iterator<Row> indexLookup(Transaction txn, TableDef table, IndexDef index, List<Object> prefix);

    /**
     * Rows whose leading index columns equal {@code prefix} and whose next index column lies
     * between {@code lower} and {@code upper} (each inclusive or not; null for an open end), in
     * index order. Bounds are values of that column's type. NULLs of the ranged column may be
     * returned for an open lower end: the caller filters.
     */
    Iterator<Row> indexRange(Transaction txn, TableDef table, IndexDef index, List<Object> prefix,
                             Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive);
}
