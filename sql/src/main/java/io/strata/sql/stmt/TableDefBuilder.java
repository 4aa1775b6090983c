package io.strata.sql.stmt;

import io.strata.spi.collation.Collation;
import io.strata.spi.collation.Collations;
import com.alibaba.druid.sql.ast.statement.SQLCharacterDataType;

import com.alibaba.druid.sql.ast.SQLDataType;
import com.alibaba.druid.sql.ast.SQLDataTypeImpl;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLCharExpr;
import com.alibaba.druid.sql.ast.SQLCurrentTimeExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLIntegerExpr;
import com.alibaba.druid.sql.ast.expr.SQLMethodInvokeExpr;
import com.alibaba.druid.sql.ast.expr.SQLNullExpr;
import com.alibaba.druid.sql.ast.statement.SQLColumnConstraint;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.ast.statement.SQLColumnPrimaryKey;
import com.alibaba.druid.sql.ast.statement.SQLColumnUniqueKey;
import com.alibaba.druid.sql.ast.statement.SQLNotNullConstraint;
import com.alibaba.druid.sql.ast.statement.SQLNullConstraint;
import com.alibaba.druid.sql.ast.statement.SQLSelectOrderByItem;
import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.catalog.TypeKind;
import io.strata.sql.exec.Coercion;
import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns Druid column definitions and key clauses into catalog column and index definitions. */
public final class TableDefBuilder {
    private TableDefBuilder() {
    }

    /** A column definition plus the inline PRIMARY KEY / UNIQUE it declared. */
    public record ParsedColumn(ColumnDef column, boolean primaryKey, boolean unique) {
    }

    /** A column as declared; a text column without its own collation gets {@code defaultCollation}. */
    public static ParsedColumn column(SQLColumnDefinition def, int id, Collation defaultCollation) {
        String name = Names.unquote(def.getColumnName());
        ColumnType type = type(def.getDataType(), name);
        Collation collation = def.getDataType() instanceof SQLCharacterDataType cd
                ? collation(cd.getCharSetName(), cd.getCollate()) : null;
        if (collation == null) {
            collation = defaultCollation;
        }
        boolean bool = isBoolean(def.getDataType());
        // SERIAL is an alias for BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE
        boolean serial = def.getDataType().getName().equalsIgnoreCase("serial");
        Boolean nullable = null;
        boolean pk = false;
        boolean unique = false;
        for (SQLColumnConstraint c : def.getConstraints()) {
            if (c instanceof SQLNotNullConstraint) {
                nullable = false;
            } else if (c instanceof SQLNullConstraint) {
                nullable = true;
            } else if (c instanceof SQLColumnPrimaryKey) {
                pk = true;
            } else if (c instanceof SQLColumnUniqueKey) {
                unique = true;
            }
        }
        if (pk || serial) {
            nullable = false;
        }
        if (serial && !pk) {
            unique = true;
        }
        boolean autoIncrement = def.isAutoIncrement() || serial;
        boolean isNullable = nullable == null || nullable;
        boolean hasDefault = false;
        Object defaultValue = null;
        String defaultExpr = null;
        SQLExpr d = def.getDefaultExpr();
        if (d != null) {
            if (isCurrentTimestamp(d)) {
                if (type.kind() != TypeKind.DATETIME && type.kind() != TypeKind.TIMESTAMP) {
                    throw ErrorCode.INVALID_DEFAULT.error(name);
                }
                defaultExpr = type.precision() > 0 ? "CURRENT_TIMESTAMP(" + type.precision() + ")" : "CURRENT_TIMESTAMP";
            } else if (d instanceof SQLNullExpr) {
                if (!isNullable) {
                    throw ErrorCode.INVALID_DEFAULT.error(name);
                }
                hasDefault = true;
            } else {
                Object literal = Exprs.literal(d, null);
                if (literal == Exprs.NOT_LITERAL) {
                    throw ErrorCode.NOT_SUPPORTED_YET.error("expression default for column '" + name + "'");
                }
                ColumnDef probe = new ColumnDef(id, name, type, isNullable, false, null, null, null, false, "");
                try {
                    defaultValue = new Coercion(true, null).coerce(probe, literal, 1);
                } catch (StrataException e) {
                    throw ErrorCode.INVALID_DEFAULT.error(name);
                }
                boolean lob = type.kind() == TypeKind.JSON || (type.kind().isString() && type.kind() != TypeKind.CHAR
                        && type.kind() != TypeKind.VARCHAR && type.kind() != TypeKind.ENUM && type.kind() != TypeKind.SET)
                        || (type.kind().isBinary() && type.kind() != TypeKind.BINARY && type.kind() != TypeKind.VARBINARY);
                if (lob) {
                    throw new StrataException(ErrorCode.INVALID_DEFAULT,
                            "BLOB, TEXT, GEOMETRY or JSON column '" + name + "' can't have a default value");
                }
                hasDefault = true;
            }
        }
        String onUpdate = null;
        if (def.getOnUpdate() != null) {
            if (!isCurrentTimestamp(def.getOnUpdate())
                    || (type.kind() != TypeKind.DATETIME && type.kind() != TypeKind.TIMESTAMP)) {
                throw ErrorCode.INVALID_DEFAULT.error(name);
            }
            onUpdate = type.precision() > 0 ? "CURRENT_TIMESTAMP(" + type.precision() + ")" : "CURRENT_TIMESTAMP";
        }
        if (autoIncrement && !type.kind().isInteger() && type.kind() != TypeKind.FLOAT
                && type.kind() != TypeKind.DOUBLE) {
            throw new StrataException(ErrorCode.WRONG_AUTO_KEY, "Incorrect column specifier for column '" + name + "'");
        }
        if (bool && type.kind() == TypeKind.TINYINT) {
            type = new ColumnType(TypeKind.TINYINT, 1, -1, -1, false, List.of());
        }
        String comment = def.getComment() instanceof SQLCharExpr c ? c.getText() : null;
        ColumnDef col = new ColumnDef(id, name, type, isNullable,
                hasDefault, defaultValue, defaultExpr, onUpdate, autoIncrement, comment,
                collation == null ? null : collation.name());
        if (autoIncrement && nullable == null) {
            col = withNullable(col, false);
        }
        return new ParsedColumn(col, pk, unique);
    }

    /**
     * The collation a {@code CHARACTER SET cs COLLATE c} clause names (either part optional), or
     * null when it names neither. Unknown names fail as MySQL does (1115, 1273, 1253).
     */
    public static Collation collation(String charset, String collate) {
        if (collate != null) {
            String c = Names.unquote(collate);
            Collation found = Collations.require(c);
            if (charset != null) {
                String cs = Names.unquote(charset).toLowerCase(Locale.ROOT);
                Collations.defaultOf(cs).orElseThrow(() -> ErrorCode.UNKNOWN_CHARACTER_SET.error(cs));
                boolean matches = c.toLowerCase(Locale.ROOT).startsWith(cs + "_") || (cs.equals("binary") && found == Collations.BINARY)
                        || (cs.equals("utf8") && c.toLowerCase(Locale.ROOT).startsWith("utf8mb3_"));
                if (!matches) {
                    throw ErrorCode.COLLATION_CHARSET_MISMATCH.error(c, cs);
                }
            }
            return found;
        }
        if (charset != null) {
            String cs = Names.unquote(charset);
            return Collations.defaultOf(cs).orElseThrow(() -> ErrorCode.UNKNOWN_CHARACTER_SET.error(cs));
        }
        return null;
    }

    public static ColumnDef withNullable(ColumnDef c, boolean nullable) {
        return new ColumnDef(c.id(), c.name(), c.type(), nullable, c.hasDefault(), c.defaultValue(), c.defaultExpr(),
                c.onUpdateExpr(), c.autoIncrement(), c.comment(), c.collation());
    }

    private static boolean isCurrentTimestamp(SQLExpr e) {
        if (e instanceof SQLCurrentTimeExpr) {
            return true;
        }
        String name = null;
        if (e instanceof SQLMethodInvokeExpr m) {
            name = m.getMethodName();
        } else if (e instanceof SQLIdentifierExpr i) {
            name = i.getName();
        }
        if (name == null) {
            return false;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "current_timestamp", "now", "localtime", "localtimestamp" -> true;
            default -> false;
        };
    }

    private static boolean isBoolean(SQLDataType t) {
        String n = t.getName().toLowerCase(Locale.ROOT);
        return n.equals("bool") || n.equals("boolean");
    }

    private static int intArg(List<SQLExpr> args, int i, int dflt) {
        if (args.size() > i && args.get(i) instanceof SQLIntegerExpr n) {
            return n.getNumber().intValue();
        }
        return dflt;
    }

    /** Maps a declared MySQL type to the catalog's ColumnType. */
    public static ColumnType type(SQLDataType dt, String column) {
        String n = dt.getName().toLowerCase(Locale.ROOT).trim();
        List<SQLExpr> args = dt.getArguments();
        boolean unsigned = dt instanceof SQLDataTypeImpl impl && (impl.isUnsigned() || impl.isZerofill());
        int len = intArg(args, 0, -1);
        TypeKind kind;
        switch (n) {
            case "tinyint" -> {
                // MySQL 8 drops integer display widths except tinyint(1), the BOOLEAN idiom
                return new ColumnType(TypeKind.TINYINT, len == 1 && !unsigned ? 1 : -1, -1, -1, unsigned, List.of());
            }
            case "bool", "boolean" -> {
                return new ColumnType(TypeKind.TINYINT, 1, -1, -1, false, List.of());
            }
            case "smallint" -> kind = TypeKind.SMALLINT;
            case "mediumint" -> kind = TypeKind.MEDIUMINT;
            case "int", "integer" -> kind = TypeKind.INT;
            case "bigint" -> kind = TypeKind.BIGINT;
            case "serial" -> {
                return new ColumnType(TypeKind.BIGINT, -1, -1, -1, true, List.of());
            }
            case "year" -> {
                return ColumnType.of(TypeKind.YEAR);
            }
            case "bit" -> {
                return new ColumnType(TypeKind.BIT, len > 0 ? len : 1, -1, -1, false, List.of());
            }
            case "decimal", "numeric", "dec", "fixed" -> {
                int p = intArg(args, 0, 10);
                int s = intArg(args, 1, 0);
                if (p > 65) {
                    throw ErrorCode.TOO_BIG_PRECISION.error(p, column, 65);
                }
                if (s > 30 || s > p) {
                    throw new StrataException(ErrorCode.TOO_BIG_PRECISION,
                            "Too big scale " + s + " specified for column '" + column + "'. Maximum is 30.");
                }
                return new ColumnType(TypeKind.DECIMAL, -1, p, s, unsigned, List.of());
            }
            case "float" -> {
                if (args.size() == 1 && len > 24) {
                    return new ColumnType(TypeKind.DOUBLE, -1, -1, -1, unsigned, List.of());
                }
                return new ColumnType(TypeKind.FLOAT, -1, args.size() == 2 ? len : -1, intArg(args, 1, -1), unsigned, List.of());
            }
            case "double", "real", "double precision" -> {
                return new ColumnType(TypeKind.DOUBLE, -1, args.size() == 2 ? len : -1, intArg(args, 1, -1), unsigned, List.of());
            }
            case "char", "character", "nchar", "national char", "national character" -> {
                return new ColumnType(TypeKind.CHAR, len >= 0 ? len : 1, -1, -1, false, List.of());
            }
            case "varchar", "nvarchar", "character varying", "varcharacter", "national varchar",
                 "national character varying", "nchar varying", "national char varying", "nchar varchar" -> {
                if (len < 0) {
                    throw ErrorCode.PARSE_ERROR.error(")", 1);
                }
                return new ColumnType(TypeKind.VARCHAR, len, -1, -1, false, List.of());
            }
            case "binary" -> {
                return new ColumnType(TypeKind.BINARY, len >= 0 ? len : 1, -1, -1, false, List.of());
            }
            case "varbinary" -> {
                if (len < 0) {
                    throw ErrorCode.PARSE_ERROR.error(")", 1);
                }
                return new ColumnType(TypeKind.VARBINARY, len, -1, -1, false, List.of());
            }
            case "tinytext" -> kind = TypeKind.TINYTEXT;
            case "text" -> kind = TypeKind.TEXT;
            case "mediumtext", "long", "long varchar" -> kind = TypeKind.MEDIUMTEXT;
            case "long varbinary" -> kind = TypeKind.MEDIUMBLOB;
            case "longtext" -> kind = TypeKind.LONGTEXT;
            case "tinyblob" -> kind = TypeKind.TINYBLOB;
            case "blob" -> kind = TypeKind.BLOB;
            case "mediumblob" -> kind = TypeKind.MEDIUMBLOB;
            case "longblob" -> kind = TypeKind.LONGBLOB;
            case "json" -> kind = TypeKind.JSON;
            case "date" -> kind = TypeKind.DATE;
            case "datetime", "timestamp", "time" -> {
                int fsp = intArg(args, 0, 0);
                if (fsp > 6) {
                    throw ErrorCode.TOO_BIG_PRECISION.error(fsp, column, 6);
                }
                TypeKind k = n.equals("datetime") ? TypeKind.DATETIME : n.equals("timestamp") ? TypeKind.TIMESTAMP : TypeKind.TIME;
                return new ColumnType(k, -1, fsp, -1, false, List.of());
            }
            case "enum", "set" -> {
                List<String> elements = new ArrayList<>();
                for (SQLExpr a : args) {
                    elements.add(a instanceof SQLCharExpr c ? c.getText() : a.toString());
                }
                return new ColumnType(n.equals("enum") ? TypeKind.ENUM : TypeKind.SET, -1, -1, -1, false, elements);
            }
            default -> throw ErrorCode.NOT_SUPPORTED_YET.error("column type " + dt.getName());
        }
        if (kind.isInteger()) {
            return new ColumnType(kind, -1, -1, -1, unsigned, List.of());
        }
        return ColumnType.of(kind);
    }

    /** The column ids of a key's column list; an unknown column is error 1072. */
    public static List<Integer> keyColumns(List<SQLSelectOrderByItem> items, List<ColumnDef> columns, String table) {
        List<Integer> ids = new ArrayList<>();
        for (SQLSelectOrderByItem item : items) {
            String name = Names.simple(item.getExpr());
            ColumnDef c = columns.stream().filter(x -> x.name().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> ErrorCode.KEY_COLUMN_DOES_NOT_EXIST.error(name));
            if (ids.contains(c.id())) {
                throw ErrorCode.DUP_FIELDNAME.error(name);
            }
            ids.add(c.id());
        }
        return ids;
    }

    /** MySQL names an unnamed key after its first column, adding _2, _3 … on collision. */
    public static String keyName(String requested, List<Integer> columnIds, List<ColumnDef> columns, List<IndexDef> existing) {
        if (requested != null) {
            return requested;
        }
        String base = columns.stream().filter(c -> c.id() == columnIds.get(0)).findFirst().orElseThrow().name();
        String name = base;
        int n = 2;
        while (nameTaken(name, existing)) {
            name = base + "_" + n++;
        }
        return name;
    }

    static boolean nameTaken(String name, List<IndexDef> existing) {
        return existing.stream().anyMatch(i -> i.name().equalsIgnoreCase(name));
    }

    /** True when a single-column primary key can be the row handle (an integer column). */
    public static boolean canBeHandle(List<Integer> pkColumns, List<ColumnDef> columns) {
        if (pkColumns.size() != 1) {
            return false;
        }
        ColumnDef c = columns.stream().filter(x -> x.id() == pkColumns.get(0)).findFirst().orElseThrow();
        TypeKind k = c.type().kind();
        return k == TypeKind.TINYINT || k == TypeKind.SMALLINT || k == TypeKind.MEDIUMINT || k == TypeKind.INT
                || k == TypeKind.BIGINT;
    }

    /** Checks the table-wide invariants MySQL enforces on CREATE and ALTER. */
    public static void validate(TableDef t) {
        int autos = 0;
        for (ColumnDef c : t.columns()) {
            if (c.autoIncrement()) {
                autos++;
                boolean keyed = t.indexes().stream().anyMatch(i -> i.columnIds().get(0) == c.id());
                if (!keyed) {
                    throw ErrorCode.WRONG_AUTO_KEY.error();
                }
            }
        }
        if (autos > 1) {
            throw ErrorCode.WRONG_AUTO_KEY.error();
        }
    }
}
