package io.strata.sql.exec;

import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.exec.Row;
import io.strata.sql.catalog.ValueFormat;
import io.strata.spi.ErrorCode;
import io.strata.spi.Key;
import io.strata.spi.StrataException;
import io.strata.spi.codec.RowCodec;
import io.strata.spi.codec.TableCodec;
import io.strata.spi.kv.Transaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Writes rows of one table and keeps its indexes in step, inside the statement's transaction.
 *
 * <p>Index entries: a unique index whose values contain no NULL has the key
 * {@code t{id}_i{idx}{values}} (one entry per value combination, which is what enforces
 * uniqueness); any other entry has the handle appended, {@code t{id}_i{idx}{values}{handle}}, since
 * NULLs never collide in a unique index. The value of every entry is the row's handle. The
 * primary key of a pkIsHandle table has no entries: the row key is the index.
 */
public final class TableWriter {
    private final Transaction txn;
    private final TableDef table;

    public TableWriter(Transaction txn, TableDef table) {
        this.txn = requireNonNull(txn, "txn is null");
        this.table = requireNonNull(table, "table is null");
    }

    public TableDef table() {
        return table;
    }

    /** A unique-key collision: the row already holding the key, and how MySQL names it. */
    public record Duplicate(long handle, String entry, String keyName) {
        public StrataException error() {
            return ErrorCode.DUP_ENTRY.error(entry, keyName);
        }
    }

    /** The handle of a row: the integer primary key of a pkIsHandle table. */
    public long handleOf(Object[] values) {
        return table.handleOf(values[table.handleColumnIndex()]);
    }

    /**
     * The first unique key (primary first) of {@code values} that another row already has, or
     * null. {@code self} is the row being updated (its own entries are no collision), or null.
     */
    public Duplicate findDuplicate(long handle, Object[] values, Long self) {
        List<Duplicate> all = findDuplicates(handle, values, self, true);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Every row that collides with {@code values} on some unique key (REPLACE deletes them all). */
    public List<Duplicate> findDuplicates(long handle, Object[] values, Long self, boolean firstOnly) {
        Map<Long, Duplicate> out = new LinkedHashMap<>();
        if (table.pkIsHandle() && (self == null || self != handle)) {
            if (txn.get(TableCodec.rowKey(table.id(), handle)) != null) {
                out.put(handle, new Duplicate(handle, String.valueOf(table.handleValue(handle)),
                        keyName(table.primaryKey().orElseThrow())));
                if (firstOnly) {
                    return List.copyOf(out.values());
                }
            }
        }
        for (IndexDef idx : sortedUniqueIndexes()) {
            List<Object> vals = indexValues(idx, values);
            if (vals.contains(null)) {
                continue;
            }
            byte[] v = txn.get(TableCodec.indexKey(table.id(), idx.id(), table.indexKeyValues(idx, vals), null));
            if (v == null) {
                continue;
            }
            long other = TableCodec.decodeHandleValue(v);
            if (self != null && other == self) {
                continue;
            }
            out.putIfAbsent(other, new Duplicate(other, entryText(vals), keyName(idx)));
            if (firstOnly) {
                break;
            }
        }
        return List.copyOf(out.values());
    }

    private List<IndexDef> sortedUniqueIndexes() {
        List<IndexDef> list = new ArrayList<>();
        for (IndexDef idx : table.indexes()) {
            if (idx.unique() && !(idx.primary() && table.pkIsHandle())) {
                if (idx.primary()) {
                    list.add(0, idx);
                } else {
                    list.add(idx);
                }
            }
        }
        return list;
    }

    /** MySQL 8 names the key as {@code table.index} in duplicate-entry errors. */
    public String keyName(IndexDef idx) {
        return table.name() + "." + idx.name();
    }

    static String entryText(List<Object> vals) {
        return vals.stream().map(v -> v == null ? "NULL" : ValueFormat.toText(v)).collect(Collectors.joining("-"));
    }

    /** Writes a new row and its index entries; the caller has checked uniqueness. */
    public void insert(long handle, Object[] values) {
        txn.put(TableCodec.rowKey(table.id(), handle), RowCodec.encode(table.columnIds(), values));
        for (IndexDef idx : table.indexes()) {
            if (idx.primary() && table.pkIsHandle()) {
                continue;
            }
            txn.put(indexKey(idx, values, handle), TableCodec.encodeHandleValue(handle));
        }
    }

    /** Removes a row and its index entries. */
    public void delete(Row row) {
        txn.delete(TableCodec.rowKey(table.id(), row.handle()));
        for (IndexDef idx : table.indexes()) {
            if (idx.primary() && table.pkIsHandle()) {
                continue;
            }
            txn.delete(indexKey(idx, row.values(), row.handle()));
        }
    }

    /**
     * Replaces a row: rewrites the row under its (possibly new) handle and moves only the index
     * entries whose key changed. The caller has checked uniqueness of the new values.
     */
    public void update(Row old, long newHandle, Object[] newValues) {
        boolean moved = newHandle != old.handle();
        if (moved) {
            txn.delete(TableCodec.rowKey(table.id(), old.handle()));
        }
        txn.put(TableCodec.rowKey(table.id(), newHandle), RowCodec.encode(table.columnIds(), newValues));
        for (IndexDef idx : table.indexes()) {
            if (idx.primary() && table.pkIsHandle()) {
                continue;
            }
            Key oldKey = indexKey(idx, old.values(), old.handle());
            Key newKey = indexKey(idx, newValues, newHandle);
            if (!oldKey.equals(newKey)) {
                txn.delete(oldKey);
                txn.put(newKey, TableCodec.encodeHandleValue(newHandle));
            } else if (moved) {
                txn.put(newKey, TableCodec.encodeHandleValue(newHandle));
            }
        }
    }

    /** Writes the entries of one index for an existing row (index backfill). */
    public void putIndexEntry(IndexDef idx, Row row) {
        txn.put(indexKey(idx, row.values(), row.handle()), TableCodec.encodeHandleValue(row.handle()));
    }

    public Key indexKey(IndexDef idx, Object[] values, long handle) {
        List<Object> vals = indexValues(idx, values);
        boolean distinct = idx.unique() && !vals.contains(null);
        return TableCodec.indexKey(table.id(), idx.id(), table.indexKeyValues(idx, vals), distinct ? null : handle);
    }

    public List<Object> indexValues(IndexDef idx, Object[] values) {
        List<Object> vals = new ArrayList<>(idx.columnIds().size());
        for (int colId : idx.columnIds()) {
            vals.add(values[table.columnIndexById(colId)]);
        }
        return vals;
    }

    /** Equality of two rows' values as stored (byte arrays by content). */
    public static boolean sameValues(Object[] a, Object[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!sameValue(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    public static boolean sameValue(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof java.math.BigDecimal x && b instanceof java.math.BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    /** The column definitions in table order (shorthand for callers building rows). */
    public List<ColumnDef> columns() {
        return table.columns();
    }
}
