package io.strata.sql.catalog;

import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.TypeKind;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders declared types the way MySQL 8 shows them in SHOW CREATE TABLE, SHOW COLUMNS and
 * information_schema.COLUMNS.COLUMN_TYPE: lower case, no integer display width (8.0.19+) except
 * the {@code tinyint(1)} of BOOLEAN, {@code unsigned} spelled out.
 */
public final class ColumnTypes {
    private ColumnTypes() {
    }

    /** The full type, e.g. {@code decimal(10,2) unsigned}, {@code varchar(20)}, {@code datetime(6)}. */
    public static String sqlType(ColumnType t) {
        String base = dataType(t.kind());
        String s = switch (t.kind()) {
            case TINYINT -> t.length() == 1 ? "tinyint(1)" : base;
            case DECIMAL -> base + "(" + (t.precision() > 0 ? t.precision() : 10) + "," + Math.max(0, t.scale()) + ")";
            case CHAR, VARCHAR, BINARY, VARBINARY -> base + "(" + Math.max(t.kind() == TypeKind.VARCHAR
                    || t.kind() == TypeKind.VARBINARY ? 0 : 1, t.length()) + ")";
            case BIT -> base + "(" + Math.max(1, t.length()) + ")";
            case DATETIME, TIMESTAMP, TIME -> t.precision() > 0 ? base + "(" + t.precision() + ")" : base;
            case ENUM, SET -> base + t.elements().stream().map(e -> "'" + e.replace("'", "''") + "'")
                    .collect(Collectors.joining(",", "(", ")"));
            default -> base;
        };
        if (t.unsigned() && (t.kind().isInteger() || t.kind() == TypeKind.DECIMAL || t.kind() == TypeKind.FLOAT
                || t.kind() == TypeKind.DOUBLE)) {
            s += " unsigned";
        }
        return s;
    }

    /** information_schema.COLUMNS.DATA_TYPE: the bare kind in lower case. */
    public static String dataType(TypeKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** Maximum length in characters for string kinds, bytes for binary kinds, else -1. */
    public static long maxLength(ColumnType t) {
        return switch (t.kind()) {
            case CHAR, VARCHAR, BINARY, VARBINARY -> Math.max(0, t.length());
            case TINYTEXT, TINYBLOB -> 255;
            case TEXT, BLOB -> 65535;
            case MEDIUMTEXT, MEDIUMBLOB -> 16777215;
            case LONGTEXT, LONGBLOB, JSON -> 4294967295L;
            case ENUM, SET -> t.elements().stream().mapToInt(String::length).max().orElse(0);
            default -> -1;
        };
    }

    /** Maximum storage length in bytes (utf8mb4 takes up to four bytes a character). */
    public static long maxByteLength(ColumnType t) {
        long chars = maxLength(t);
        if (chars < 0) {
            return -1;
        }
        return switch (t.kind()) {
            case CHAR, VARCHAR, ENUM, SET -> chars * 4;
            default -> chars;
        };
    }

    /** NUMERIC_PRECISION of information_schema.COLUMNS, or -1. */
    public static int numericPrecision(ColumnType t) {
        return switch (t.kind()) {
            case TINYINT -> 3;
            case SMALLINT -> 5;
            case MEDIUMINT -> 7;
            case INT -> 10;
            case BIGINT -> t.unsigned() ? 20 : 19;
            case DECIMAL -> t.precision() > 0 ? t.precision() : 10;
            case FLOAT -> 12;
            case DOUBLE -> 22;
            case BIT -> Math.max(1, t.length());
            default -> -1;
        };
    }
}
