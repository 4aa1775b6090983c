package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.CatalogSnapshot;
import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.ColumnMetas;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.plan.QueryPlanner;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.MysqlType;
import org.apache.calcite.rel.type.RelDataType;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Result-set metadata of a planned SELECT. A column that is a plain reference to a base column
 * is described by {@link ColumnMetas#forColumn} (identical to the short path); anything else is
 * described from its Calcite type the way MySQL describes expressions.
 */
final class ResultColumns {
    private ResultColumns() {
    }

    /**
     * @param origin  [.., database, table, column] of a base column, or null
     * @param aliases lower-case "db.table" → the alias written in the top-level FROM
     */
    static ColumnMeta of(String label, RelDataType type, List<String> origin, CatalogSnapshot catalog,
                         Map<String, String> aliases) {
        if (origin != null && origin.size() >= 3) {
            String db = origin.get(origin.size() - 3);
            String table = origin.get(origin.size() - 2);
            String column = origin.get(origin.size() - 1);
            Optional<TableDef> def = catalog.table(db, table);
            if (def.isPresent() && !QueryPlanner.ROW_ID_COLUMN.equals(column)) {
                Optional<ColumnDef> col = def.get().column(column);
                if (col.isPresent()) {
                    String alias = aliases.getOrDefault(TableDef.normalize(db + "." + table), def.get().name());
                    ColumnMeta m = ColumnMetas.forColumn(def.get(), alias, col.get(), label);
                    if (type.isNullable() && (m.flags() & ColumnMeta.NOT_NULL_FLAG) != 0) {
                        // a NOT NULL column on the inner side of an outer join can be NULL here
                        m = new ColumnMeta(m.schema(), m.table(), m.orgTable(), m.name(), m.orgName(), m.type(), m.length(),
                                m.decimals(), m.flags() & ~ColumnMeta.NOT_NULL_FLAG, m.charset());
                    }
                    return m;
                }
            }
        }
        return expression(label, type);
    }

    static ColumnMeta expression(String label, RelDataType type) {
        int flags = type.isNullable() ? 0 : ColumnMeta.NOT_NULL_FLAG;
        if (TimeType.is(type)) {
            return ColumnMeta.expression(label, MysqlType.TIME, 10 + fractionWidth(type), type.getPrecision(),
                    flags | ColumnMeta.BINARY_FLAG, ColumnMeta.CHARSET_BINARY);
        }
        if (UnsignedBigintType.is(type)) {
            return ColumnMeta.expression(label, MysqlType.LONGLONG, UnsignedBigintType.PRECISION, 0,
                    flags | ColumnMeta.NUM_FLAG | ColumnMeta.BINARY_FLAG | ColumnMeta.UNSIGNED_FLAG, ColumnMeta.CHARSET_BINARY);
        }
        return switch (type.getSqlTypeName()) {
            case BOOLEAN -> ColumnMeta.expression(label, MysqlType.LONGLONG, 1, 0, flags | ColumnMeta.NUM_FLAG | ColumnMeta.BINARY_FLAG,
                    ColumnMeta.CHARSET_BINARY);
            case TINYINT, SMALLINT, INTEGER, BIGINT -> ColumnMeta.expression(label, MysqlType.LONGLONG, 21, 0,
                    flags | ColumnMeta.NUM_FLAG | ColumnMeta.BINARY_FLAG, ColumnMeta.CHARSET_BINARY);
            case DECIMAL -> ColumnMeta.expression(label, MysqlType.NEWDECIMAL,
                    type.getPrecision() + (type.getScale() > 0 ? 1 : 0) + 1, type.getScale(),
                    flags | ColumnMeta.NUM_FLAG | ColumnMeta.BINARY_FLAG, ColumnMeta.CHARSET_BINARY);
            case FLOAT, REAL, DOUBLE -> ColumnMeta.expression(label, MysqlType.DOUBLE, 22, 31,
                    flags | ColumnMeta.NUM_FLAG | ColumnMeta.BINARY_FLAG, ColumnMeta.CHARSET_BINARY);
            case CHAR, VARCHAR -> ColumnMeta.expression(label, MysqlType.VAR_STRING,
                    type.getPrecision() > 0 && type.getPrecision() < Integer.MAX_VALUE / 8 ? 4L * type.getPrecision() : 4L * 65535,
                    31, flags, ColumnMeta.CHARSET_UTF8MB4);
            case BINARY, VARBINARY -> ColumnMeta.expression(label, MysqlType.VAR_STRING, 65535, 31,
                    flags | ColumnMeta.BINARY_FLAG, ColumnMeta.CHARSET_BINARY);
            case DATE -> ColumnMeta.expression(label, MysqlType.DATE, 10, 0, flags | ColumnMeta.BINARY_FLAG, ColumnMeta.CHARSET_BINARY);
            case TIMESTAMP -> ColumnMeta.expression(label, MysqlType.DATETIME, 19 + fractionWidth(type), type.getPrecision(),
                    flags | ColumnMeta.BINARY_FLAG, ColumnMeta.CHARSET_BINARY);
            case NULL -> ColumnMeta.expression(label, MysqlType.NULL, 0, 0, flags | ColumnMeta.BINARY_FLAG, ColumnMeta.CHARSET_BINARY);
            default -> ColumnMeta.expression(label, MysqlType.VAR_STRING, 4L * 65535, 31, flags, ColumnMeta.CHARSET_UTF8MB4);
        };
    }

    /** Display width of the fraction of a TIME/DATETIME(fsp): the point and fsp digits. */
    private static int fractionWidth(RelDataType type) {
        return type.getPrecision() > 0 ? type.getPrecision() + 1 : 0;
    }
}
