package io.strata.sql.catalog;

import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.catalog.TypeKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The virtual {@code information_schema} database. Its tables are ordinary {@link TableDef}s
 * with negative ids, so the planner plans any SELECT over them like over stored tables; their
 * rows are computed from a catalog snapshot when scanned, never stored. Column names and types
 * follow MySQL 8 closely enough for JDBC {@code DatabaseMetaData} and common tools.
 */
public final class InformationSchema {
    public static final String NAME = "information_schema";
    public static final String DEF = "def";

    /** The virtual tables; ids are negative so they never collide with stored tables. */
    public static final List<TableDef> TABLE_DEFS = List.of(
            table(-1, "SCHEMATA", "CATALOG_NAME", "SCHEMA_NAME", "DEFAULT_CHARACTER_SET_NAME",
                    "DEFAULT_COLLATION_NAME", "SQL_PATH?", "DEFAULT_ENCRYPTION"),
            table(-2, "TABLES", "TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "TABLE_TYPE", "ENGINE?",
                    "VERSION#?", "ROW_FORMAT?", "TABLE_ROWS#?", "AVG_ROW_LENGTH#?", "DATA_LENGTH#?",
                    "MAX_DATA_LENGTH#?", "INDEX_LENGTH#?", "DATA_FREE#?", "AUTO_INCREMENT#?", "CREATE_TIME@?",
                    "UPDATE_TIME@?", "CHECK_TIME@?", "TABLE_COLLATION?", "CHECKSUM#?", "CREATE_OPTIONS?",
                    "TABLE_COMMENT?"),
            table(-3, "COLUMNS", "TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "COLUMN_NAME",
                    "ORDINAL_POSITION#", "COLUMN_DEFAULT*?", "IS_NULLABLE", "DATA_TYPE*?",
                    "CHARACTER_MAXIMUM_LENGTH#?", "CHARACTER_OCTET_LENGTH#?", "NUMERIC_PRECISION#?",
                    "NUMERIC_SCALE#?", "DATETIME_PRECISION#?", "CHARACTER_SET_NAME?", "COLLATION_NAME?",
                    "COLUMN_TYPE*", "COLUMN_KEY", "EXTRA?", "PRIVILEGES?", "COLUMN_COMMENT*",
                    "GENERATION_EXPRESSION*", "SRS_ID#?"),
            table(-4, "STATISTICS", "TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "NON_UNIQUE#",
                    "INDEX_SCHEMA", "INDEX_NAME?", "SEQ_IN_INDEX#", "COLUMN_NAME?", "COLLATION?",
                    "CARDINALITY#?", "SUB_PART#?", "PACKED?", "NULLABLE", "INDEX_TYPE", "COMMENT",
                    "INDEX_COMMENT", "IS_VISIBLE", "EXPRESSION*?"),
            table(-5, "KEY_COLUMN_USAGE", "CONSTRAINT_CATALOG", "CONSTRAINT_SCHEMA", "CONSTRAINT_NAME?",
                    "TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "COLUMN_NAME?", "ORDINAL_POSITION#",
                    "POSITION_IN_UNIQUE_CONSTRAINT#?", "REFERENCED_TABLE_SCHEMA?", "REFERENCED_TABLE_NAME?",
                    "REFERENCED_COLUMN_NAME?"),
            table(-6, "TABLE_CONSTRAINTS", "CONSTRAINT_CATALOG", "CONSTRAINT_SCHEMA", "CONSTRAINT_NAME?",
                    "TABLE_SCHEMA", "TABLE_NAME", "CONSTRAINT_TYPE", "ENFORCED"),
            table(-7, "ENGINES", "ENGINE", "SUPPORT", "COMMENT", "TRANSACTIONS?", "XA?", "SAVEPOINTS?"),
            table(-8, "CHARACTER_SETS", "CHARACTER_SET_NAME", "DEFAULT_COLLATE_NAME", "DESCRIPTION", "MAXLEN#"),
            table(-9, "COLLATIONS", "COLLATION_NAME", "CHARACTER_SET_NAME", "ID#", "IS_DEFAULT", "IS_COMPILED",
                    "SORTLEN#", "PAD_ATTRIBUTE"));

    /**
     * Character sets and collations the server admits to. Text is stored as UTF-8 whatever the
     * declared character set; comparisons follow the column's collation ({@code Collations}).
     */
    public static final List<Object[]> CHARACTER_SETS = List.<Object[]>of(
            new Object[]{"utf8mb4", "utf8mb4_0900_ai_ci", "UTF-8 Unicode", 4L},
            new Object[]{"utf8mb3", "utf8mb3_general_ci", "UTF-8 Unicode", 3L},
            new Object[]{"latin1", "latin1_swedish_ci", "cp1252 West European", 1L},
            new Object[]{"ascii", "ascii_general_ci", "US ASCII", 1L},
            new Object[]{"binary", "binary", "Binary pseudo charset", 1L});
    public static final List<Object[]> COLLATIONS = List.<Object[]>of(
            new Object[]{"utf8mb4_0900_ai_ci", "utf8mb4", 255L, "Yes", "Yes", 0L, "NO PAD"},
            new Object[]{"utf8mb4_0900_bin", "utf8mb4", 309L, "", "Yes", 1L, "NO PAD"},
            new Object[]{"utf8mb4_bin", "utf8mb4", 46L, "", "Yes", 1L, "PAD SPACE"},
            new Object[]{"utf8mb4_general_ci", "utf8mb4", 45L, "", "Yes", 1L, "PAD SPACE"},
            new Object[]{"utf8mb4_unicode_ci", "utf8mb4", 224L, "", "Yes", 8L, "PAD SPACE"},
            new Object[]{"utf8mb3_general_ci", "utf8mb3", 33L, "Yes", "Yes", 1L, "PAD SPACE"},
            new Object[]{"latin1_swedish_ci", "latin1", 8L, "Yes", "Yes", 1L, "PAD SPACE"},
            new Object[]{"ascii_general_ci", "ascii", 11L, "Yes", "Yes", 1L, "PAD SPACE"},
            new Object[]{"binary", "binary", 63L, "Yes", "Yes", 1L, "NO PAD"});
    public static final List<Object[]> ENGINES = List.<Object[]>of(
            new Object[]{"InnoDB", "DEFAULT", "Strata row store: MVCC on RocksDB, Percolator transactions",
                    "YES", "NO", "YES"});

    private InformationSchema() {
    }

    /**
     * Builds a virtual table. Column specs are names with suffixes: {@code #} BIGINT, {@code @}
     * DATETIME, {@code *} LONGTEXT, else VARCHAR(64); {@code ?} nullable.
     */
    private static TableDef table(long id, String name, String... specs) {
        List<ColumnDef> cols = new ArrayList<>();
        int colId = 1;
        for (String spec : specs) {
            boolean nullable = spec.endsWith("?");
            String s = nullable ? spec.substring(0, spec.length() - 1) : spec;
            ColumnType type;
            if (s.endsWith("#")) {
                type = new ColumnType(TypeKind.BIGINT, -1, -1, -1, true, List.of());
            } else if (s.endsWith("@")) {
                type = ColumnType.of(TypeKind.DATETIME);
            } else if (s.endsWith("*")) {
                type = ColumnType.of(TypeKind.LONGTEXT);
            } else {
                type = new ColumnType(TypeKind.VARCHAR, 64, -1, -1, false, List.of());
            }
            String colName = s.replaceAll("[#@*]$", "");
            cols.add(new ColumnDef(colId++, colName, type, nullable, false, null, null, null, false, ""));
        }
        return new TableDef(id, NAME, name, cols, List.<IndexDef>of(), false, colId, 1, "");
    }

    /** Computes the rows of a virtual table from the snapshot, in a stable order. */
    public static List<Object[]> rows(TableDef table, Catalog catalog) {
        return switch (table.name()) {
            case "SCHEMATA" -> schemata(catalog);
            case "TABLES" -> tables(catalog);
            case "COLUMNS" -> columns(catalog);
            case "STATISTICS" -> statistics(catalog);
            case "KEY_COLUMN_USAGE" -> keyColumnUsage(catalog);
            case "TABLE_CONSTRAINTS" -> tableConstraints(catalog);
            case "ENGINES" -> copy(ENGINES);
            case "CHARACTER_SETS" -> copy(CHARACTER_SETS);
            case "COLLATIONS" -> copy(COLLATIONS);
            default -> throw new IllegalArgumentException("not an information_schema table: " + table.name());
        };
    }

    private static List<Object[]> copy(List<Object[]> rows) {
        return rows.stream().map(Object[]::clone).toList();
    }

    private static List<Object[]> schemata(Catalog catalog) {
        List<Object[]> out = new ArrayList<>();
        for (DatabaseDef d : catalog.databaseDefs()) {
            out.add(new Object[]{DEF, d.name(), d.charset(), d.collation(), null, "NO"});
        }
        return out;
    }

    private static List<Object[]> tables(Catalog catalog) {
        List<Object[]> out = new ArrayList<>();
        for (DatabaseDef d : catalog.databaseDefs()) {
            for (TableDef t : catalog.tables(d.name())) {
                boolean virtual = Catalog.isVirtual(t);
                out.add(new Object[]{DEF, d.name(), t.name(), virtual ? "SYSTEM VIEW" : "BASE TABLE",
                        virtual ? null : "InnoDB", 10L, virtual ? null : "Dynamic", virtual ? null : 0L,
                        virtual ? null : 0L, virtual ? null : 0L, virtual ? null : 0L, virtual ? null : 0L,
                        virtual ? null : 0L, null, null, null, null,
                        virtual ? null : io.strata.sql.stmt.ShowExecutor.tableCollation(t).name(), null, "", t.comment()});
            }
        }
        return out;
    }

    /** COLUMN_KEY as SHOW COLUMNS' Key shows it: PRI, UNI or MUL for the first column of an index. */
    public static String columnKey(TableDef t, ColumnDef c) {
        String key = "";
        for (IndexDef idx : t.indexes()) {
            if (idx.columnIds().isEmpty() || idx.columnIds().get(0) != c.id()) {
                continue;
            }
            if (idx.primary()) {
                return "PRI";
            }
            if (idx.unique() && idx.columnIds().size() == 1) {
                if (!key.equals("UNI")) {
                    key = "UNI";
                }
            } else if (key.isEmpty()) {
                key = "MUL";
            }
        }
        return key;
    }

    /** EXTRA / SHOW COLUMNS Extra: auto_increment, DEFAULT_GENERATED, on update CURRENT_TIMESTAMP. */
    public static String extra(ColumnDef c) {
        List<String> parts = new ArrayList<>();
        if (c.autoIncrement()) {
            parts.add("auto_increment");
        }
        if (c.defaultExpr() != null) {
            parts.add("DEFAULT_GENERATED");
        }
        if (c.onUpdateExpr() != null) {
            parts.add("on update " + c.onUpdateExpr());
        }
        return String.join(" ", parts);
    }

    /** The default as SHOW COLUMNS prints it: the value's text, the expression, or null. */
    public static String defaultText(ColumnDef c) {
        if (c.defaultExpr() != null) {
            return c.defaultExpr();
        }
        if (!c.hasDefault() || c.defaultValue() == null) {
            return null;
        }
        return ValueFormat.toText(c.defaultValue(), c.type().kind().isTemporal() ? c.type().precision() : 0);
    }

    private static List<Object[]> columns(Catalog catalog) {
        List<Object[]> out = new ArrayList<>();
        for (DatabaseDef d : catalog.databaseDefs()) {
            for (TableDef t : catalog.tables(d.name())) {
                long pos = 1;
                for (ColumnDef c : t.columns()) {
                    ColumnType type = c.type();
                    long maxLen = ColumnTypes.maxLength(type);
                    boolean text = type.kind().isString();
                    int numPrecision = ColumnTypes.numericPrecision(type);
                    Long numScale = type.kind().isInteger() ? Long.valueOf(0) : type.kind() == TypeKind.DECIMAL
                            ? Long.valueOf(Math.max(0, type.scale())) : null;
                    Long dtPrecision = type.kind() == TypeKind.DATETIME || type.kind() == TypeKind.TIMESTAMP
                            || type.kind() == TypeKind.TIME ? Long.valueOf(Math.max(0, type.precision())) : null;
                    out.add(new Object[]{DEF, d.name(), t.name(), c.name(), pos++, defaultText(c),
                            c.nullable() ? "YES" : "NO", ColumnTypes.dataType(type.kind()),
                            maxLen >= 0 ? maxLen : null, maxLen >= 0 ? ColumnTypes.maxByteLength(type) : null,
                            numPrecision >= 0 ? (long) numPrecision : null, numScale, dtPrecision,
                            text ? c.collationInfo().charset() : null, text ? c.collationInfo().name() : null,
                            ColumnTypes.sqlType(type), columnKey(t, c), extra(c), "select,insert,update,references",
                            c.comment(), "", null});
                }
            }
        }
        return out;
    }

    private static List<Object[]> statistics(Catalog catalog) {
        List<Object[]> out = new ArrayList<>();
        for (DatabaseDef d : catalog.databaseDefs()) {
            for (TableDef t : catalog.tables(d.name())) {
                for (IndexDef idx : t.indexes()) {
                    long seq = 1;
                    for (int colId : idx.columnIds()) {
                        ColumnDef c = t.columns().get(t.columnIndexById(colId));
                        out.add(new Object[]{DEF, d.name(), t.name(), idx.unique() ? 0L : 1L, d.name(), idx.name(),
                                seq++, c.name(), "A", 0L, null, null, c.nullable() ? "YES" : "", "BTREE", "", "",
                                "YES", null});
                    }
                }
            }
        }
        return out;
    }

    private static List<Object[]> keyColumnUsage(Catalog catalog) {
        List<Object[]> out = new ArrayList<>();
        for (DatabaseDef d : catalog.databaseDefs()) {
            for (TableDef t : catalog.tables(d.name())) {
                for (IndexDef idx : t.indexes()) {
                    if (!idx.unique()) {
                        continue;
                    }
                    long pos = 1;
                    for (int colId : idx.columnIds()) {
                        ColumnDef c = t.columns().get(t.columnIndexById(colId));
                        out.add(new Object[]{DEF, d.name(), idx.name(), DEF, d.name(), t.name(), c.name(), pos++,
                                null, null, null, null});
                    }
                }
            }
        }
        return out;
    }

    private static List<Object[]> tableConstraints(Catalog catalog) {
        List<Object[]> out = new ArrayList<>();
        for (DatabaseDef d : catalog.databaseDefs()) {
            for (TableDef t : catalog.tables(d.name())) {
                for (IndexDef idx : t.indexes()) {
                    if (idx.unique()) {
                        out.add(new Object[]{DEF, d.name(), idx.name(), d.name(), t.name(),
                                idx.primary() ? "PRIMARY KEY" : "UNIQUE", "YES"});
                    }
                }
            }
        }
        return out;
    }

    public static boolean isInformationSchema(String db) {
        return db != null && db.toLowerCase(Locale.ROOT).equals(NAME);
    }
}
