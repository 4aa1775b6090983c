package io.strata.optimizer.catalog;

import io.strata.spi.collation.Collation;
import io.strata.spi.collation.Collations;

import static java.util.Objects.requireNonNull;

/**
 * A column of a table. {@code id} is stable for the column's life and is what rows are keyed by
 * ({@code RowCodec}); {@code name} may change, position in {@link TableDef#columns()} is display order.
 *
 * @param defaultValue  the default as a value of the column's Java type, or null; meaningful only if {@code hasDefault}
 * @param defaultExpr   a default computed per row, e.g. "CURRENT_TIMESTAMP", or null
 * @param onUpdateExpr  ON UPDATE expression, e.g. "CURRENT_TIMESTAMP", or null
 * @param collation     collation name of a text column; null for other types, and for a text
 *                      column meaning the server default ({@link Collations#DEFAULT})
 */
public record ColumnDef(int id, String name, ColumnType type, boolean nullable, boolean hasDefault,
                        Object defaultValue, String defaultExpr, String onUpdateExpr,
                        boolean autoIncrement, String comment, String collation) {
    public ColumnDef {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        comment = comment == null ? "" : comment;
        if (!isCollated(type.kind())) {
            collation = null;
        }
    }

    /** A column whose collation is not known yet (the table's default applies). */
    public ColumnDef(int id, String name, ColumnType type, boolean nullable, boolean hasDefault,
                     Object defaultValue, String defaultExpr, String onUpdateExpr,
                     boolean autoIncrement, String comment) {
        this(id, name, type, nullable, hasDefault, defaultValue, defaultExpr, onUpdateExpr, autoIncrement, comment, null);
    }

    /** Text types compare by a collation; JSON, binary strings and the rest do not. */
    public static boolean isCollated(TypeKind kind) {
        return kind.isString() && kind != TypeKind.JSON;
    }

    /** How values of this column compare: its collation for text, {@code binary} otherwise. */
    public Collation collationInfo() {
        if (collation == null) {
            return isCollated(type.kind()) ? Collations.DEFAULT : Collations.BINARY;
        }
        return Collations.byName(collation).orElse(Collations.DEFAULT);
    }

    public ColumnDef withCollation(String newCollation) {
        return new ColumnDef(id, name, type, nullable, hasDefault, defaultValue, defaultExpr, onUpdateExpr,
                autoIncrement, comment, newCollation);
    }
}
