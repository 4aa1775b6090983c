package io.strata.sql.exec;

import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.exec.Row;
import io.strata.optimizer.exec.TableAccess;
import io.strata.sql.catalog.Catalog;
import io.strata.sql.catalog.InformationSchema;
import io.strata.spi.Key;
import io.strata.spi.codec.RowCodec;
import io.strata.spi.codec.TableCodec;
import io.strata.spi.kv.KvIterator;
import io.strata.spi.kv.KvPair;
import io.strata.spi.kv.Transaction;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import static java.util.Objects.requireNonNull;

/**
 * {@link TableAccess} over the transactional key space. Stored rows are {@link RowCodec} values
 * under {@code t{id}_r{handle}}; a column the row does not carry (added after the row was written)
 * reads as the column's default. Index entries (see {@link TableWriter}) carry the row handle as
 * their value, so a lookup is a prefix scan of the index followed by point reads of the rows.
 *
 * <p>Tables of {@code information_schema} (negative ids) are computed from the catalog snapshot
 * this access was built for; their handles are the row positions, starting at 1.
 */
public final class KvTableAccess implements TableAccess {
    private final Catalog catalog;

    public KvTableAccess(Catalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    @Override
    public Iterator<Row> scan(Transaction txn, TableDef table, long fromHandle, long toHandle) {
        return scan(txn, table, fromHandle, toHandle, null);
    }

    @Override
    public Iterator<Row> scan(Transaction txn, TableDef table, long fromHandle, long toHandle, BitSet columns) {
        if (Catalog.isVirtual(table)) {
            List<Object[]> rows = InformationSchema.rows(table, catalog);
            List<Row> out = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                long handle = i + 1;
                if (handle >= fromHandle && handle <= toHandle) {
                    out.add(new Row(handle, rows.get(i)));
                }
            }
            return out.iterator();
        }
        if (fromHandle > toHandle) {
            return Collections.emptyIterator();
        }
        Key start = fromHandle == Long.MIN_VALUE ? TableCodec.rowPrefix(table.id()) : TableCodec.rowKey(table.id(), fromHandle);
        Key end = toHandle == Long.MAX_VALUE ? TableCodec.rowPrefix(table.id()).prefixNext()
                : TableCodec.rowKey(table.id(), toHandle).next();
        return new RowIterator(txn.scan(start, end), table, columns);
    }

    @Override
    public Row get(Transaction txn, TableDef table, long handle) {
        if (Catalog.isVirtual(table)) {
            List<Object[]> rows = InformationSchema.rows(table, catalog);
            return handle >= 1 && handle <= rows.size() ? new Row(handle, rows.get((int) handle - 1)) : null;
        }
        byte[] value = txn.get(TableCodec.rowKey(table.id(), handle));
        return value == null ? null : decode(table, handle, value);
    }

    @Override
    public Iterator<Row> indexLookup(Transaction txn, TableDef table, IndexDef index, List<Object> prefix) {
        if (Catalog.isVirtual(table)) {
            return Collections.emptyIterator();
        }
        if (index.primary() && table.pkIsHandle()) {
            if (prefix.isEmpty()) {
                return scan(txn, table, Long.MIN_VALUE, Long.MAX_VALUE);
            }
            Object v = prefix.get(0);
            if (!(v instanceof Number)) {
                return Collections.emptyIterator();
            }
            Row r = get(txn, table, table.handleOf(v));
            return r == null ? Collections.emptyIterator() : List.of(r).iterator();
        }
        Key start = TableCodec.indexKey(table.id(), index.id(), table.indexKeyValues(index, prefix), null);
        if (index.unique() && prefix.size() == index.columnIds().size() && noNulls(prefix)) {
            // a whole unique key without NULLs is stored as exactly this key (the handle is its
            // value): two point reads instead of a range scan
            byte[] entry = txn.get(start);
            if (entry == null) {
                return Collections.emptyIterator();
            }
            Row r = get(txn, table, TableCodec.decodeHandleValue(entry));
            return r == null ? Collections.emptyIterator() : List.of(r).iterator();
        }
        return rowsOfIndexRange(txn, table, start, start.prefixNext());
    }

    @Override
    public Iterator<Row> indexRange(Transaction txn, TableDef table, IndexDef index, List<Object> prefix,
                                    Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive) {
        if (Catalog.isVirtual(table)) {
            return Collections.emptyIterator();
        }
        Key start = lower == null ? indexKey(table, index, prefix, null)
                : lowerInclusive ? indexKey(table, index, prefix, lower) : indexKey(table, index, prefix, lower).prefixNext();
        Key end = upper == null ? indexKey(table, index, prefix, null).prefixNext()
                : upperInclusive ? indexKey(table, index, prefix, upper).prefixNext() : indexKey(table, index, prefix, upper);
        return rowsOfIndexRange(txn, table, start, end);
    }

    /** The index key of {@code prefix} followed by {@code next} (if not null), without a handle. */
    private static Key indexKey(TableDef table, IndexDef index, List<Object> prefix, Object next) {
        List<Object> values = new ArrayList<>(prefix);
        if (next != null) {
            values.add(next);
        }
        return TableCodec.indexKey(table.id(), index.id(), table.indexKeyValues(index, values), null);
    }

    private static boolean noNulls(List<Object> values) {
        for (Object v : values) {
            if (v == null) {
                return false;
            }
        }
        return true;
    }

    /** Index entries read by the first batch of an index range; each later batch reads eight times more. */
    static final int FIRST_INDEX_BATCH = 16;
    private static final int MAX_INDEX_BATCH = 8192;

    /**
     * The rows the index entries in [start, end) point to, in index order. The entries are read in
     * batches (16, then eight times more each time), each batch's rows with one batched read, and
     * only as far as the caller iterates: an {@code ORDER BY} on the index's columns with a
     * {@code LIMIT} (TPC-C's oldest new order of a district) stops after the first batch instead
     * of reading the whole range. All batches read at the transaction's snapshot.
     */
    private Iterator<Row> rowsOfIndexRange(Transaction txn, TableDef table, Key start, Key end) {
        if (start.compareTo(end) >= 0) {
            return Collections.emptyIterator();
        }
        return new IndexRangeRows(txn, table, start, end);
    }

    private final class IndexRangeRows implements Iterator<Row> {
        private final Transaction txn;
        private final TableDef table;
        private final Key end;
        private Key next;
        private int batch = FIRST_INDEX_BATCH;
        private Iterator<Row> current = Collections.emptyIterator();

        IndexRangeRows(Transaction txn, TableDef table, Key start, Key end) {
            this.txn = txn;
            this.table = table;
            this.next = start;
            this.end = end;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext()) {
                if (next == null) {
                    return false;
                }
                current = readBatch();
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return current.next();
        }

        /** Reads the next batch of index entries and their rows; sets {@code next} to null at the end of the range. */
        private Iterator<Row> readBatch() {
            List<Key> rowKeys = new ArrayList<>(Math.min(batch, 64));
            Key last = null;
            try (KvIterator it = txn.scan(next, end)) {
                while (rowKeys.size() < batch && it.hasNext()) {
                    KvPair p = it.next();
                    last = p.key();
                    rowKeys.add(TableCodec.rowKey(table.id(), TableCodec.decodeHandleValue(p.value())));
                }
                next = rowKeys.size() < batch || !it.hasNext() ? null : last.next();
            }
            batch = Math.min(MAX_INDEX_BATCH, batch * 8);
            if (rowKeys.isEmpty()) {
                return Collections.emptyIterator();
            }
            // one batched read of the rows, returned in index order
            Map<Key, byte[]> values = rowKeys.size() == 1 ? singleton(txn, rowKeys.get(0)) : txn.batchGet(rowKeys);
            List<Row> rows = new ArrayList<>(rowKeys.size());
            for (Key k : rowKeys) {
                byte[] v = values.get(k);
                if (v != null) {
                    rows.add(decode(table, TableCodec.decodeHandle(k), v));
                }
            }
            return rows.iterator();
        }
    }

    private static Map<Key, byte[]> singleton(Transaction txn, Key key) {
        byte[] v = txn.get(key);
        return v == null ? Map.of() : Map.of(key, v);
    }

    /** Decodes a stored row into values in column order; absent columns take their defaults. */
    public static Row decode(TableDef table, long handle, byte[] value) {
        return decode(table, table.columnIds(), handle, value);
    }

    /**
     * Decodes the columns whose ids are in {@code ids} (aligned with {@code table.columns()}; a
     * column not wanted has id {@link #SKIPPED} and stays null).
     */
    private static Row decode(TableDef table, int[] ids, long handle, byte[] value) {
        Object[] out = new Object[ids.length];
        RowCodec.decode(value, ids, out);
        List<ColumnDef> cols = table.columns();
        for (int i = 0; i < out.length; i++) {
            if (ids[i] == SKIPPED) {
                out[i] = null;
            } else if (out[i] == RowCodec.ABSENT) {
                ColumnDef c = cols.get(i);
                // a column added after the row was written: its default, or for NOT NULL columns
                // without one the implicit default MySQL fills existing rows with
                out[i] = c.hasDefault() ? c.defaultValue() : c.nullable() ? null : Coercion.implicitDefault(c);
            }
        }
        return new Row(handle, out);
    }

    /** Column id of a column a scan does not decode: no stored column has it. */
    private static final int SKIPPED = -1;

    private static int[] wantedIds(TableDef table, BitSet columns) {
        int[] ids = table.columnIds();
        if (columns != null) {
            for (int i = 0; i < ids.length; i++) {
                if (!columns.get(i)) {
                    ids[i] = SKIPPED;
                }
            }
        }
        return ids;
    }

    /** Lazily decodes the rows of a key-range scan and closes the scan when exhausted. */
    private static final class RowIterator implements Iterator<Row>, AutoCloseable {
        private final KvIterator it;
        private final TableDef table;
        private final int[] ids;
        private boolean closed;

        RowIterator(KvIterator it, TableDef table, BitSet columns) {
            this.it = it;
            this.table = table;
            this.ids = wantedIds(table, columns);
        }

        @Override
        public boolean hasNext() {
            if (closed) {
                return false;
            }
            if (!it.hasNext()) {
                close();
                return false;
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            KvPair p = it.next();
            return decode(table, ids, TableCodec.decodeHandle(p.key()), p.value());
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                it.close();
            }
        }
    }
}
