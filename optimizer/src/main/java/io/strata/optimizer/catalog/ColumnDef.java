package io.strata.optimizer.catalog;

import static java.util.Objects.requireNonNull;

/**
 * A column of a table. {@code id} is stable for the column's life and is what rows are keyed by
 * ({@code RowCodec}); {@code name} may change, position in {@link TableDef#columns()} is display order.
 *
 * @param defaultValue  the default as a value of the column's Java type, or null; meaningful only if {@code hasDefault}
 * @param defaultExpr   a default computed per row, e.g. "CURRENT_TIMESTAMP", or null
 * @param onUpdateExpr  ON UPDATE expression, e.g. "CURRENT_TIMESTAMP", or null
 */
public record ColumnDef(int id, String name, ColumnType type, boolean nullable, boolean hasDefault,
                        Object defaultValue, String defaultExpr, String onUpdateExpr,
                        boolean autoIncrement, String comment) {
    public ColumnDef {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        comment = comment == null ? "" : comment;
    }
}
