package io.strata.columnstore;

import java.util.Objects;

/**
 * One column of a table as the column store holds it: the column id the row format keys values
 * by, a name (for the Arrow field), the kind and, for decimals, precision and scale. A row
 * written before the column existed carries no value for it and gets {@code defaultValue}.
 */
public record ColumnSpec(int id, String name, ColumnKind kind, int precision, int scale, Object defaultValue) {
    public ColumnSpec {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(kind, "kind is null");
        if (kind == ColumnKind.DECIMAL && (precision < 1 || precision > 76 || scale < 0 || scale > precision)) {
            throw new IllegalArgumentException("bad DECIMAL(" + precision + "," + scale + ") for " + name);
        }
    }

    public static ColumnSpec of(int id, String name, ColumnKind kind) {
        if (kind == ColumnKind.DECIMAL) {
            throw new IllegalArgumentException("a DECIMAL column needs precision and scale: " + name);
        }
        return new ColumnSpec(id, name, kind, 0, 0, null);
    }

    public static ColumnSpec decimal(int id, String name, int precision, int scale) {
        return new ColumnSpec(id, name, ColumnKind.DECIMAL, precision, scale, null);
    }

    /** True when the kernels run this column on {@code long}s (integers, temporals, narrow decimals). */
    public boolean isLongBacked() {
        return switch (kind) {
            case INTEGER, DATE, DATETIME, TIME -> true;
            case DECIMAL -> precision <= ColumnKind.LONG_DECIMAL_PRECISION;
            default -> false;
        };
    }
}
