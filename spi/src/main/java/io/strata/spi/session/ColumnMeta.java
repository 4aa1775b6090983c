package io.strata.spi.session;

import static java.util.Objects.requireNonNull;

/**
 * What a client learns about one result column (the Column Definition packet).
 *
 * @param schema   database of the underlying table, or "" for expressions
 * @param table    table alias as written in the query, or ""
 * @param orgTable the real table name, or ""
 * @param name     column label as the client sees it
 * @param orgName  the real column name, or ""
 * @param type     protocol type
 * @param length   maximum display length in characters (bytes for binary)
 * @param decimals digits after the point (0x1f for "not fixed", as MySQL sends for floats and strings)
 * @param flags    {@link #NOT_NULL_FLAG} etc.
 * @param charset  collation id: the column's collation for text (255 utf8mb4_0900_ai_ci, 46
 *                 utf8mb4_bin, …), 63 for binary and numbers
 */
public record ColumnMeta(String schema, String table, String orgTable, String name, String orgName,
                         MysqlType type, long length, int decimals, int flags, int charset) {
    public static final int NOT_NULL_FLAG = 1;
    public static final int PRI_KEY_FLAG = 2;
    public static final int UNIQUE_KEY_FLAG = 4;
    public static final int MULTIPLE_KEY_FLAG = 8;
    public static final int BLOB_FLAG = 16;
    public static final int UNSIGNED_FLAG = 32;
    public static final int ZEROFILL_FLAG = 64;
    public static final int BINARY_FLAG = 128;
    public static final int AUTO_INCREMENT_FLAG = 512;
    public static final int NUM_FLAG = 32768;

    /** utf8mb4_0900_ai_ci, the collation of text that comes from no column (expressions, SHOW output). */
    public static final int CHARSET_UTF8MB4 = 255;
    public static final int CHARSET_BINARY = 63;

    public ColumnMeta {
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
        requireNonNull(orgTable, "orgTable is null");
        requireNonNull(name, "name is null");
        requireNonNull(orgName, "orgName is null");
        requireNonNull(type, "type is null");
    }

    /** An expression column (no table) of the given type. */
    public static ColumnMeta expression(String name, MysqlType type, long length, int decimals, int flags, int charset) {
        return new ColumnMeta("", "", "", name, "", type, length, decimals, flags, charset);
    }

    public boolean isUnsigned() {
        return (flags & UNSIGNED_FLAG) != 0;
    }
}
