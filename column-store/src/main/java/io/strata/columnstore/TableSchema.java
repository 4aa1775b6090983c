package io.strata.columnstore;

import java.util.List;
import java.util.Objects;

/** The columns of a table, in the order the batch holds them; kernels refer to them by position. */
public record TableSchema(List<ColumnSpec> columns) {
    public TableSchema {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
    }

    public int size() {
        return columns.size();
    }

    public ColumnSpec column(int position) {
        return columns.get(position);
    }

    /** Position of the column named {@code name}; throws when there is none. */
    public int position(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }

    /** Column ids in position order, as {@link io.strata.spi.codec.RowCodec#decode} takes them. */
    public int[] columnIds() {
        return columns.stream().mapToInt(ColumnSpec::id).toArray();
    }
}
