package io.strata.optimizer.catalog;

import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.MysqlType;

/**
 * Result-set metadata for columns that come straight from a table, as MySQL describes them. The
 * one place that maps declared column types to protocol types, so the short path and the planner
 * describe the same column identically.
 */
public final class ColumnMetas {
    private ColumnMetas() {
    }

    /**
     * @param tableAlias the table name as written in the query (alias if any)
     * @param label      the column label as the client sees it
     */
    public static ColumnMeta forColumn(TableDef table, String tableAlias, ColumnDef column, String label) {
        ColumnType t = column.type();
        int flags = 0;
        if (!column.nullable()) {
            flags |= ColumnMeta.NOT_NULL_FLAG;
        }
        if (column.autoIncrement()) {
            flags |= ColumnMeta.AUTO_INCREMENT_FLAG;
        }
        for (IndexDef index : table.indexes()) {
            if (!index.columnIds().isEmpty() && index.columnIds().get(0) == column.id()) {
                if (index.primary()) {
                    flags |= ColumnMeta.PRI_KEY_FLAG;
                } else if (index.unique() && index.columnIds().size() == 1) {
                    flags |= ColumnMeta.UNIQUE_KEY_FLAG;
                } else {
                    flags |= ColumnMeta.MULTIPLE_KEY_FLAG;
                }
            }
        }
        if (t.unsigned()) {
            flags |= ColumnMeta.UNSIGNED_FLAG;
        }
        MysqlType type = protocolType(t.kind());
        int charset = ColumnMeta.CHARSET_BINARY;
        long length;
        int decimals = 0;
        switch (t.kind()) {
            case TINYINT -> length = t.length() > 0 ? t.length() : (t.unsigned() ? 3 : 4);
            case SMALLINT -> length = t.length() > 0 ? t.length() : (t.unsigned() ? 5 : 6);
            case MEDIUMINT -> length = t.length() > 0 ? t.length() : (t.unsigned() ? 8 : 9);
            case INT -> length = t.length() > 0 ? t.length() : (t.unsigned() ? 10 : 11);
            case BIGINT -> length = t.length() > 0 ? t.length() : 20;
            case YEAR -> length = 4;
            case BIT -> length = Math.max(1, t.length());
            case DECIMAL -> {
                int p = t.precision() > 0 ? t.precision() : 10;
                int s = Math.max(0, t.scale());
                decimals = s;
                length = p + (s > 0 ? 1 : 0) + (t.unsigned() ? 0 : 1);
            }
            case FLOAT -> {
                length = 12;
                decimals = 31;
            }
            case DOUBLE -> {
                length = 22;
                decimals = 31;
            }
            case DATE -> length = 10;
            case TIME -> {
                decimals = Math.max(0, t.precision());
                length = 10 + (decimals > 0 ? decimals + 1 : 0);
            }
            case DATETIME, TIMESTAMP -> {
                decimals = Math.max(0, t.precision());
                length = 19 + (decimals > 0 ? decimals + 1 : 0);
            }
            case CHAR, VARCHAR -> {
                charset = column.collationInfo().id();
                length = 4L * Math.max(1, t.length());
            }
            case TINYTEXT -> {
                charset = column.collationInfo().id();
                length = 255;
                flags |= ColumnMeta.BLOB_FLAG;
            }
            case TEXT, JSON -> {
                charset = column.collationInfo().id();
                length = 65535;
                flags |= ColumnMeta.BLOB_FLAG;
            }
            case MEDIUMTEXT -> {
                charset = column.collationInfo().id();
                length = 16777215;
                flags |= ColumnMeta.BLOB_FLAG;
            }
            case LONGTEXT -> {
                charset = column.collationInfo().id();
                length = 4294967295L;
                flags |= ColumnMeta.BLOB_FLAG;
            }
            case ENUM, SET -> {
                charset = column.collationInfo().id();
                length = 4L * t.elements().stream().mapToInt(String::length).max().orElse(1);
            }
            case BINARY, VARBINARY -> {
                length = Math.max(1, t.length());
                flags |= ColumnMeta.BINARY_FLAG;
            }
            case TINYBLOB -> {
                length = 255;
                flags |= ColumnMeta.BLOB_FLAG | ColumnMeta.BINARY_FLAG;
            }
            case BLOB -> {
                length = 65535;
                flags |= ColumnMeta.BLOB_FLAG | ColumnMeta.BINARY_FLAG;
            }
            case MEDIUMBLOB -> {
                length = 16777215;
                flags |= ColumnMeta.BLOB_FLAG | ColumnMeta.BINARY_FLAG;
            }
            case LONGBLOB -> {
                length = 4294967295L;
                flags |= ColumnMeta.BLOB_FLAG | ColumnMeta.BINARY_FLAG;
            }
            default -> throw new IllegalStateException("unhandled kind " + t.kind());
        }
        if (t.kind().isInteger() || t.kind() == TypeKind.DECIMAL || t.kind() == TypeKind.FLOAT || t.kind() == TypeKind.DOUBLE) {
            flags |= ColumnMeta.NUM_FLAG;
        }
        return new ColumnMeta(table.database(), tableAlias, table.name(), label, column.name(), type, length, decimals, flags, charset);
    }

    public static MysqlType protocolType(TypeKind kind) {
        return switch (kind) {
            case TINYINT -> MysqlType.TINY;
            case SMALLINT -> MysqlType.SHORT;
            case MEDIUMINT -> MysqlType.INT24;
            case INT -> MysqlType.LONG;
            case BIGINT -> MysqlType.LONGLONG;
            case YEAR -> MysqlType.YEAR;
            case BIT -> MysqlType.BIT;
            case DECIMAL -> MysqlType.NEWDECIMAL;
            case FLOAT -> MysqlType.FLOAT;
            case DOUBLE -> MysqlType.DOUBLE;
            case CHAR, ENUM, SET, BINARY -> MysqlType.STRING;
            case VARCHAR, VARBINARY -> MysqlType.VAR_STRING;
            case TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB -> MysqlType.BLOB;
            case JSON -> MysqlType.JSON;
            case DATE -> MysqlType.DATE;
            case DATETIME -> MysqlType.DATETIME;
            case TIMESTAMP -> MysqlType.TIMESTAMP;
            case TIME -> MysqlType.TIME;
        };
    }
}
