package io.strata.optimizer.catalog;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A declared column type: kind plus its modifiers.
 *
 * @param length    CHAR/VARCHAR/BINARY/VARBINARY length, integer display width, BIT width, or -1
 * @param precision DECIMAL precision (default 10), fractional-seconds precision for DATETIME/TIME/TIMESTAMP, or -1
 * @param scale     DECIMAL scale (default 0), or -1
 * @param unsigned  integer/decimal UNSIGNED
 * @param elements  ENUM/SET members, else empty
 */
public record ColumnType(TypeKind kind, int length, int precision, int scale, boolean unsigned, List<String> elements) {
    public ColumnType {
        requireNonNull(kind, "kind is null");
        elements = elements == null ? List.of() : List.copyOf(elements);
    }

    public static ColumnType of(TypeKind kind) {
        return new ColumnType(kind, -1, -1, -1, false, List.of());
    }
}
