package io.strata.optimizer.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A table's schema as stored in the catalog. Immutable: DDL produces a new TableDef and a new
 * catalog version.
 *
 * <p>Every row has a 64-bit handle, its row key is {@code t{id}_r{handle}}. When the primary key is
 * a single integer column ({@code pkIsHandle}), the handle is that column's value; otherwise the
 * handle is a hidden row id allocated from the table's id sequence and the primary key, if any,
 * is enforced by a unique index. A BIGINT UNSIGNED handle column maps its value to the handle
 * with the sign bit flipped ({@link #handleOf}), so that row keys, ordered by signed handle, keep
 * the unsigned order of the values (0 is the smallest handle, 2^64-1 the largest).
 *
 * @param nextColumnId the id the next added column receives
 * @param nextIndexId  the id the next added index receives
 */
public record TableDef(long id, String database, String name, List<ColumnDef> columns, List<IndexDef> indexes,
                       boolean pkIsHandle, int nextColumnId, long nextIndexId, String comment) {
    public TableDef {
        requireNonNull(database, "database is null");
        requireNonNull(name, "name is null");
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
        comment = comment == null ? "" : comment;
    }

    public Optional<ColumnDef> column(String columnName) {
        for (ColumnDef c : columns) {
            if (c.name().equalsIgnoreCase(columnName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public int columnIndex(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(columnName)) {
                return i;
            }
        }
        return -1;
    }

    public int columnIndexById(int columnId) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).id() == columnId) {
                return i;
            }
        }
        return -1;
    }

    public Optional<IndexDef> primaryKey() {
        return indexes.stream().filter(IndexDef::primary).findFirst();
    }

    /** Position in {@link #columns()} of the handle column when {@link #pkIsHandle()}, else -1. */
    public int handleColumnIndex() {
        if (!pkIsHandle) {
            return -1;
        }
        return columnIndexById(primaryKey().orElseThrow().columnIds().get(0));
    }

    /**
     * What index {@code index} stores for {@code values} (given in index-column order, possibly a
     * prefix): text values become their collation's sort key, so that an index on a
     * case-insensitive column finds 'Alice' for 'alice' and a unique index rejects both.
     */
    public List<Object> indexKeyValues(IndexDef index, List<Object> values) {
        List<Object> out = null;
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) instanceof String s) {
                ColumnDef c = columns.get(columnIndexById(index.columnIds().get(i)));
                String key = c.collationInfo().sortKey(s);
                if (key != s) {
                    if (out == null) {
                        out = new java.util.ArrayList<>(values);
                    }
                    out.set(i, key);
                }
            }
        }
        return out == null ? values : out;
    }

    /**
     * Whether the handle column is BIGINT UNSIGNED (see the class comment). Point gets ask on every
     * read, so this walks the lists by index and allocates nothing.
     */
    public boolean unsignedHandle() {
        if (!pkIsHandle) {
            return false;
        }
        for (int i = 0; i < indexes.size(); i++) {
            IndexDef index = indexes.get(i);
            if (index.primary()) {
                int id = index.columnIds().get(0);
                for (int c = 0; c < columns.size(); c++) {
                    ColumnType t = columns.get(c).type();
                    if (columns.get(c).id() == id) {
                        return t.kind() == TypeKind.BIGINT && t.unsigned();
                    }
                }
            }
        }
        return false;
    }

    /** The handle of the row whose handle column holds {@code value} (a Long, or a BigInteger above 2^63-1). */
    public long handleOf(Object value) {
        if (value instanceof java.math.BigInteger b) {
            return b.longValue() ^ Long.MIN_VALUE;
        }
        long v = ((Number) value).longValue();
        return unsignedHandle() ? v ^ Long.MIN_VALUE : v;
    }

    /** The handle column's value for a handle: the inverse of {@link #handleOf}. */
    public Object handleValue(long handle) {
        if (!unsignedHandle()) {
            return handle;
        }
        long bits = handle ^ Long.MIN_VALUE;
        return bits >= 0 ? (Object) bits : new java.math.BigInteger(Long.toUnsignedString(bits));
    }

    public Optional<IndexDef> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equalsIgnoreCase(indexName)).findFirst();
    }

    public Optional<ColumnDef> autoIncrementColumn() {
        return columns.stream().filter(ColumnDef::autoIncrement).findFirst();
    }

    public int[] columnIds() {
        int[] ids = new int[columns.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = columns.get(i).id();
        }
        return ids;
    }

    /** Lower-case name used as a map key: MySQL table names compare case-insensitively here (lower_case_table_names=1). */
    public static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
