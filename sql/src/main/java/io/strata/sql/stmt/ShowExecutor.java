package io.strata.sql.stmt;

import io.strata.spi.kv.TxnOptions;
import io.strata.spi.kv.Transaction;
import io.strata.sql.session.EngineServices;
import io.strata.spi.collation.Collation;
import io.strata.spi.collation.Collations;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLName;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLShowColumnsStatement;
import com.alibaba.druid.sql.ast.statement.SQLShowCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLShowDatabasesStatement;
import com.alibaba.druid.sql.ast.statement.SQLShowIndexesStatement;
import com.alibaba.druid.sql.ast.statement.SQLShowTablesStatement;
import com.alibaba.druid.sql.ast.statement.SQLShowVariantsStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAnalyzeStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlExplainStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlKillStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlShowCharacterSetStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlShowCollationStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlShowEnginesStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlShowProcessListStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlShowStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlShowStatusStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlShowTableStatusStatement;
import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.ColumnMetas;
import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.catalog.TypeKind;
import io.strata.sql.catalog.Catalog;
import io.strata.sql.catalog.ColumnTypes;
import io.strata.sql.catalog.DatabaseDef;
import io.strata.sql.catalog.IdAllocator;
import io.strata.sql.catalog.InformationSchema;
import io.strata.sql.catalog.ValueFormat;
import io.strata.sql.session.StmtContext;
import io.strata.sql.session.StrataSession;
import io.strata.sql.session.SystemVariables;
import io.strata.sql.session.Warning;
import io.strata.sql.session.WarningList;
import io.strata.spi.ErrorCode;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.QueryResult;
import io.strata.spi.session.StatementResult;
import io.strata.spi.session.UpdateResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** SHOW statements, DESCRIBE, ANALYZE TABLE and KILL: results computed from the catalog and sessions. */
public final class ShowExecutor {

    /** MySQL-only SHOW statements that are not {@code SQLShowStatement}s in Druid's hierarchy. */
    public boolean handles(SQLStatement st) {
        return st instanceof MySqlShowStatement || st instanceof MySqlAnalyzeStatement;
    }

    public QueryResult execute(SQLStatement st, StmtContext ctx) {
        if (st instanceof SQLShowDatabasesStatement s) {
            return databases(s, ctx);
        }
        if (st instanceof SQLShowTablesStatement s) {
            return tables(s, ctx);
        }
        if (st instanceof SQLShowColumnsStatement s) {
            String db = s.getDatabase() != null ? Names.simple(s.getDatabase()) : null;
            return columns(tableRef(s.getTable(), db, ctx), s.isFull(), s.getLike(), s.getWhere(), ctx);
        }
        if (st instanceof SQLShowCreateTableStatement s) {
            TableDef t = tableRef(s.getName(), null, ctx);
            return Results.of(Results.texts("Table", "Create Table"), rows(new Object[]{t.name(), createTable(t)}));
        }
        if (st instanceof SQLShowIndexesStatement s) {
            String db = s.getDatabase() != null ? Names.simple(s.getDatabase()) : null;
            return indexes(tableRef(s.getTable().getExpr(), db, ctx), s.getWhere(), ctx);
        }
        if (st instanceof SQLShowVariantsStatement s) {
            return variables(s.isGlobal(), s.getLike(), s.getWhere(), ctx);
        }
        if (st instanceof MySqlShowStatusStatement s) {
            return status(s, ctx);
        }
        if (st instanceof MySqlShowProcessListStatement s) {
            return processList(s.isFull(), ctx);
        }
        if (st instanceof MySqlShowEnginesStatement) {
            return Results.of(Results.texts("Engine", "Support", "Comment", "Transactions", "XA", "Savepoints"),
                    copy(InformationSchema.ENGINES));
        }
        if (st instanceof MySqlShowCharacterSetStatement s) {
            List<ColumnMeta> cols = List.of(Results.text("Charset"), Results.text("Description"),
                    Results.text("Default collation"), Results.bigint("Maxlen"));
            List<Object[]> rows = new ArrayList<>();
            for (Object[] r : InformationSchema.CHARACTER_SETS) {
                rows.add(new Object[]{r[0], r[2], r[1], r[3]});
            }
            return filter(cols, rows, s.getPattern(), s.getWhere(), ctx);
        }
        if (st instanceof MySqlShowCollationStatement s) {
            List<ColumnMeta> cols = List.of(Results.text("Collation"), Results.text("Charset"), Results.bigint("Id"),
                    Results.text("Default"), Results.text("Compiled"), Results.bigint("Sortlen"), Results.text("Pad_attribute"));
            return filter(cols, copy(InformationSchema.COLLATIONS), s.getPattern(), s.getWhere(), ctx);
        }
        if (st instanceof MySqlShowTableStatusStatement s) {
            return tableStatus(s, ctx);
        }
        if (st instanceof com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlShowCreateDatabaseStatement s) {
            String db = Names.simple(s.getDatabase()).toLowerCase(Locale.ROOT);
            DatabaseDef d = ctx.catalog().database(db).orElseThrow(() -> ErrorCode.BAD_DB_ERROR.error(db));
            return Results.of(Results.texts("Database", "Create Database"), rows(new Object[]{d.name(),
                    "CREATE DATABASE `" + d.name() + "` /*!40100 DEFAULT CHARACTER SET " + d.charset() + " COLLATE "
                            + d.collation() + " */ /*!80016 DEFAULT ENCRYPTION='N' */"}));
        }
        if (st instanceof com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlShowGrantsStatement) {
            String user = ctx.session().info().user();
            return Results.of(Results.texts("Grants for " + user + "@%"),
                    rows(new Object[]{"GRANT ALL PRIVILEGES ON *.* TO `" + user + "`@`%` WITH GRANT OPTION"}));
        }
        if (st instanceof MySqlAnalyzeStatement s) {
            List<Object[]> rows = new ArrayList<>();
            for (SQLExprTableSource ts : s.getTableSources()) {
                Names.QualifiedName q = Names.qualify(ts, ctx.currentDatabase());
                var table = ctx.catalog().table(q.database(), q.table());
                if (table.isPresent()) {
                    analyze(ctx, table.get());
                    rows.add(new Object[]{q.database() + "." + q.table(), "analyze", "status", "OK"});
                } else {
                    rows.add(new Object[]{q.database() + "." + q.table(), "analyze", "Error",
                            ErrorCode.NO_SUCH_TABLE.format(q.database(), q.table())});
                    rows.add(new Object[]{q.database() + "." + q.table(), "analyze", "status", "Operation failed"});
                }
            }
            return Results.of(Results.texts("Table", "Op", "Msg_type", "Msg_text"), rows);
        }
        throw ErrorCode.NOT_SUPPORTED_YET.error(st.toString().trim());
    }

    /** Counts the table's rows in a transaction of its own and re-plans statements with the count. */
    private static void analyze(StmtContext ctx, TableDef table) {
        if (Catalog.isVirtual(table)) {
            return;
        }
        EngineServices services = ctx.services();
        try (Transaction txn = services.kv().begin(TxnOptions.DEFAULT)) {
            services.catalog().stats().analyze(txn, table);
            txn.commit();
        }
        services.planner().invalidatePlans();
    }

    private static List<Object[]> rows(Object[]... rows) {
        return new ArrayList<>(List.of(rows));
    }

    private static List<Object[]> copy(List<Object[]> rows) {
        return rows.stream().map(Object[]::clone).collect(Collectors.toCollection(ArrayList::new));
    }

    private static TableDef tableRef(SQLExpr name, String db, StmtContext ctx) {
        if (db != null && !(name instanceof com.alibaba.druid.sql.ast.expr.SQLPropertyExpr)) {
            return Names.resolve(ctx.catalog(), new Names.QualifiedName(db.toLowerCase(Locale.ROOT),
                    Names.simple(name).toLowerCase(Locale.ROOT)));
        }
        return Names.resolve(ctx.catalog(), Names.qualify(name, ctx.currentDatabase()));
    }

    // ------------------------------------------------------------------ filtering

    /** MySQL LIKE on the first column (case-insensitive), or WHERE evaluated over the result columns. */
    private static QueryResult filter(List<ColumnMeta> cols, List<Object[]> rows, SQLExpr like, SQLExpr where,
                                      StmtContext ctx) {
        List<Object[]> out = rows;
        if (like != null) {
            Object pattern = Exprs.evaluate(like, ctx);
            out = new ArrayList<>();
            for (Object[] r : rows) {
                if (pattern != null && r[0] != null && Like.matches(String.valueOf(pattern), String.valueOf(r[0]))) {
                    out.add(r);
                }
            }
        } else if (where != null) {
            List<String> names = cols.stream().map(ColumnMeta::name).toList();
            List<ColumnType> types = cols.stream().map(c -> c.type() == io.strata.spi.session.MysqlType.LONGLONG
                    ? ColumnType.of(TypeKind.BIGINT) : new ColumnType(TypeKind.VARCHAR, 256, -1, -1, false, List.of())).toList();
            var program = ctx.services().planner().compileScalars(List.of(where), names, types, ctx);
            out = new ArrayList<>();
            for (Object[] r : rows) {
                Object v = program.evaluate(r.clone(), ctx)[0];
                if (truthy(v)) {
                    out.add(r);
                }
            }
        }
        return Results.of(cols, out);
    }

    private static boolean truthy(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim()) != 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ databases and tables

    private QueryResult databases(SQLShowDatabasesStatement s, StmtContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (String db : ctx.catalog().databases()) {
            rows.add(new Object[]{db});
        }
        String header = s.getLike() == null ? "Database" : "Database (" + Exprs.evaluate(s.getLike(), ctx) + ")";
        return filter(Results.texts(header), rows, s.getLike(), s.getWhere(), ctx);
    }

    private QueryResult tables(SQLShowTablesStatement s, StmtContext ctx) {
        SQLName dbName = s.getDatabase() != null ? s.getDatabase() : s.getFrom();
        String db = dbName != null ? Names.simple(dbName).toLowerCase(Locale.ROOT) : ctx.currentDatabase();
        if (db == null) {
            throw ErrorCode.NO_DB_ERROR.error();
        }
        if (!ctx.catalog().hasDatabase(db)) {
            throw ErrorCode.BAD_DB_ERROR.error(db);
        }
        // MySQL names the column after the pattern too: Tables_in_db (pattern)
        String header = "Tables_in_" + db;
        if (s.getLike() != null) {
            Object pattern = Exprs.evaluate(s.getLike(), ctx);
            header += " (" + pattern + ")";
        }
        List<ColumnMeta> cols = new ArrayList<>(Results.texts(header));
        if (s.isFull()) {
            cols.add(Results.text("Table_type"));
        }
        List<Object[]> rows = new ArrayList<>();
        for (TableDef t : ctx.catalog().tables(db)) {
            rows.add(s.isFull() ? new Object[]{t.name(), Catalog.isVirtual(t) ? "SYSTEM VIEW" : "BASE TABLE"}
                    : new Object[]{t.name()});
        }
        return filter(cols, rows, s.getLike(), s.getWhere(), ctx);
    }

    private QueryResult columns(TableDef t, boolean full, SQLExpr like, SQLExpr where, StmtContext ctx) {
        List<ColumnMeta> cols = full
                ? Results.texts("Field", "Type", "Collation", "Null", "Key", "Default", "Extra", "Privileges", "Comment")
                : Results.texts("Field", "Type", "Null", "Key", "Default", "Extra");
        List<Object[]> rows = new ArrayList<>();
        for (ColumnDef c : t.columns()) {
            String type = ColumnTypes.sqlType(c.type());
            String nul = c.nullable() ? "YES" : "NO";
            String key = InformationSchema.columnKey(t, c);
            String dflt = InformationSchema.defaultText(c);
            String extra = InformationSchema.extra(c);
            if (full) {
                String collation = ColumnDef.isCollated(c.type().kind()) ? c.collationInfo().name() : null;
                rows.add(new Object[]{c.name(), type, collation, nul, key, dflt, extra, "select,insert,update,references", c.comment()});
            } else {
                rows.add(new Object[]{c.name(), type, nul, key, dflt, extra});
            }
        }
        return filter(cols, rows, like, where, ctx);
    }

    public QueryResult describe(MySqlExplainStatement ex, StmtContext ctx) {
        TableDef t = tableRef(ex.getTableName(), null, ctx);
        SQLExpr like = ex.getColumnName() == null ? null
                : new com.alibaba.druid.sql.ast.expr.SQLCharExpr(Names.simple(ex.getColumnName()));
        return columns(t, false, like, null, ctx);
    }

    private QueryResult indexes(TableDef t, SQLExpr where, StmtContext ctx) {
        List<ColumnMeta> cols = List.of(Results.text("Table"), Results.bigint("Non_unique"), Results.text("Key_name"),
                Results.bigint("Seq_in_index"), Results.text("Column_name"), Results.text("Collation"),
                Results.bigint("Cardinality"), Results.bigint("Sub_part"), Results.text("Packed"), Results.text("Null"),
                Results.text("Index_type"), Results.text("Comment"), Results.text("Index_comment"), Results.text("Visible"),
                Results.text("Expression"));
        List<Object[]> rows = new ArrayList<>();
        for (IndexDef idx : t.indexes()) {
            long seq = 1;
            for (int colId : idx.columnIds()) {
                ColumnDef c = t.columns().get(t.columnIndexById(colId));
                rows.add(new Object[]{t.name(), idx.unique() ? 0L : 1L, idx.name(), seq++, c.name(), "A", 0L, null, null,
                        c.nullable() ? "YES" : "", "BTREE", "", "", "YES", null});
            }
        }
        return filter(cols, rows, null, where, ctx);
    }

    private QueryResult tableStatus(MySqlShowTableStatusStatement s, StmtContext ctx) {
        String db = s.getDatabase() != null ? Names.simple(s.getDatabase()).toLowerCase(Locale.ROOT) : ctx.currentDatabase();
        if (db == null) {
            throw ErrorCode.NO_DB_ERROR.error();
        }
        List<ColumnMeta> cols = List.of(Results.text("Name"), Results.text("Engine"), Results.bigint("Version"),
                Results.text("Row_format"), Results.bigint("Rows"), Results.bigint("Avg_row_length"),
                Results.bigint("Data_length"), Results.bigint("Max_data_length"), Results.bigint("Index_length"),
                Results.bigint("Data_free"), Results.bigint("Auto_increment"), Results.text("Create_time"),
                Results.text("Update_time"), Results.text("Check_time"), Results.text("Collation"),
                Results.bigint("Checksum"), Results.text("Create_options"), Results.text("Comment"));
        List<Object[]> rows = new ArrayList<>();
        IdAllocator ids = ctx.services().ids();
        for (TableDef t : ctx.catalog().tables(db)) {
            Long auto = t.autoIncrementColumn().isPresent() && !Catalog.isVirtual(t)
                    ? ids.peek(IdAllocator.autoIncrementSequence(t.id()), ctx.transaction()) : null;
            rows.add(new Object[]{t.name(), "InnoDB", 10L, "Dynamic", 0L, 0L, 0L, 0L, 0L, 0L, auto, null, null, null,
                    tableCollation(t).name(), null, "", t.comment()});
        }
        return filter(cols, rows, s.getLike(), s.getWhere(), ctx);
    }

    // ------------------------------------------------------------------ SHOW CREATE TABLE

    /** MySQL 8's SHOW CREATE TABLE text; it parses back to the same definition. */
    public static String createTable(TableDef t) {
        StringBuilder sb = new StringBuilder("CREATE TABLE `").append(t.name()).append("` (\n");
        List<String> lines = new ArrayList<>();
        Collation tableCollation = tableCollation(t);
        for (ColumnDef c : t.columns()) {
            lines.add("  " + columnDefinition(c, tableCollation));
        }
        for (IndexDef idx : t.indexes()) {
            String cols = idx.columnIds().stream().map(id -> "`" + t.columns().get(t.columnIndexById(id)).name() + "`")
                    .collect(Collectors.joining(","));
            if (idx.primary()) {
                lines.add("  PRIMARY KEY (" + cols + ")");
            } else if (idx.unique()) {
                lines.add("  UNIQUE KEY `" + idx.name() + "` (" + cols + ")");
            } else {
                lines.add("  KEY `" + idx.name() + "` (" + cols + ")");
            }
        }
        sb.append(String.join(",\n", lines)).append("\n) ENGINE=InnoDB DEFAULT CHARSET=")
                .append(tableCollation.charset()).append(" COLLATE=").append(tableCollation.name());
        if (!t.comment().isEmpty()) {
            sb.append(" COMMENT='").append(escape(t.comment())).append("'");
        }
        return sb.toString();
    }

    /**
     * The table's default collation as SHOW CREATE TABLE prints it: the one all its text columns
     * share, else the server default (Strata keeps collations per column, not per table).
     */
    public static Collation tableCollation(TableDef t) {
        Collation shared = null;
        for (ColumnDef c : t.columns()) {
            if (ColumnDef.isCollated(c.type().kind())) {
                if (shared != null && !shared.equals(c.collationInfo())) {
                    return Collations.DEFAULT;
                }
                shared = c.collationInfo();
            }
        }
        return shared == null ? Collations.DEFAULT : shared;
    }

    private static String columnDefinition(ColumnDef c, Collation tableCollation) {
        StringBuilder sb = new StringBuilder("`").append(c.name()).append("` ").append(ColumnTypes.sqlType(c.type()));
        TypeKind k = c.type().kind();
        if (ColumnDef.isCollated(k) && !c.collationInfo().equals(tableCollation)) {
            if (!c.collationInfo().charset().equals(tableCollation.charset())) {
                sb.append(" CHARACTER SET ").append(c.collationInfo().charset());
            }
            sb.append(" COLLATE ").append(c.collationInfo().name());
        }
        if (!c.nullable()) {
            sb.append(" NOT NULL");
        } else if (k == TypeKind.TIMESTAMP) {
            sb.append(" NULL");
        }
        boolean lob = k == TypeKind.JSON || k == TypeKind.TINYTEXT || k == TypeKind.TEXT || k == TypeKind.MEDIUMTEXT
                || k == TypeKind.LONGTEXT || k == TypeKind.TINYBLOB || k == TypeKind.BLOB || k == TypeKind.MEDIUMBLOB
                || k == TypeKind.LONGBLOB;
        if (c.autoIncrement()) {
            sb.append(" AUTO_INCREMENT");
        } else if (c.defaultExpr() != null) {
            sb.append(" DEFAULT ").append(c.defaultExpr());
        } else if (c.hasDefault() && c.defaultValue() != null) {
            Object v = c.defaultValue();
            String text = v instanceof byte[] b ? "0x" + java.util.HexFormat.of().formatHex(b)
                    : "'" + escape(ValueFormat.toText(v, k.isTemporal() ? c.type().precision() : 0)) + "'";
            sb.append(" DEFAULT ").append(text);
        } else if (c.nullable() && !lob) {
            sb.append(" DEFAULT NULL");
        }
        if (c.onUpdateExpr() != null) {
            sb.append(" ON UPDATE ").append(c.onUpdateExpr());
        }
        if (!c.comment().isEmpty()) {
            sb.append(" COMMENT '").append(escape(c.comment())).append("'");
        }
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("'", "''");
    }

    // ------------------------------------------------------------------ variables, status, processes

    private QueryResult variables(boolean global, SQLExpr like, SQLExpr where, StmtContext ctx) {
        SystemVariables vars = ctx.services().variables();
        List<Object[]> rows = new ArrayList<>();
        List<SystemVariables.Definition> defs = new ArrayList<>(vars.definitions());
        defs.sort(java.util.Comparator.comparing(SystemVariables.Definition::name));
        for (SystemVariables.Definition d : defs) {
            Object v;
            if (global) {
                if (d.scope() == SystemVariables.Scope.SESSION) {
                    continue;
                }
                v = vars.global(d.name());
            } else {
                v = ctx.systemVariable(d.name(), false);
            }
            rows.add(new Object[]{d.name(), SystemVariables.display(d, v)});
        }
        return filter(Results.texts("Variable_name", "Value"), rows, like, where, ctx);
    }

    private QueryResult status(MySqlShowStatusStatement s, StmtContext ctx) {
        StrataSession session = ctx.session();
        List<Object[]> rows = new ArrayList<>();
        int sessions = ctx.services().sessions().all().size();
        rows.add(new Object[]{"Threads_connected", String.valueOf(sessions)});
        rows.add(new Object[]{"Threads_running", "1"});
        rows.add(new Object[]{"Uptime", String.valueOf(ctx.services().sessions().uptimeSeconds())});
        rows.add(new Object[]{"Ssl_cipher", ""});
        rows.add(new Object[]{"Last_query_cost", "0.000000"});
        rows.add(new Object[]{"Com_stmt_prepare", "0"});
        rows.add(new Object[]{"Innodb_buffer_pool_pages_total", "0"});
        rows.add(new Object[]{"Connection_id", String.valueOf(session.info().connectionId())});
        rows.sort(java.util.Comparator.comparing(r -> (String) r[0]));
        return filter(Results.texts("Variable_name", "Value"), rows, s.getLike(), s.getWhere(), ctx);
    }

    private QueryResult processList(boolean full, StmtContext ctx) {
        List<ColumnMeta> cols = List.of(Results.bigint("Id"), Results.text("User"), Results.text("Host"), Results.text("db"),
                Results.text("Command"), Results.bigint("Time"), Results.text("State"), Results.text("Info"));
        List<Object[]> rows = new ArrayList<>();
        for (StrataSession s : ctx.services().sessions().all()) {
            rows.add(s.processRow(full));
        }
        return Results.of(cols, rows);
    }

    public QueryResult warnings(WarningList warnings, boolean errorsOnly) {
        List<ColumnMeta> cols = List.of(Results.text("Level"),
                ColumnMeta.expression("Code", io.strata.spi.session.MysqlType.LONG, 4, 0,
                        ColumnMeta.NOT_NULL_FLAG | ColumnMeta.UNSIGNED_FLAG | ColumnMeta.NUM_FLAG, ColumnMeta.CHARSET_BINARY),
                Results.text("Message"));
        List<Object[]> rows = new ArrayList<>();
        for (Warning w : warnings.list()) {
            if (!errorsOnly || w.level().equals("Error")) {
                rows.add(new Object[]{w.level(), (long) w.code(), w.message()});
            }
        }
        return Results.of(cols, rows);
    }

    /** SHOW COUNT(*) WARNINGS / ERRORS. */
    public QueryResult warningCount(WarningList warnings, boolean errorsOnly) {
        long n = errorsOnly ? warnings.errorCount() : warnings.count();
        return Results.of(List.of(Results.bigint(errorsOnly ? "@@session.error_count" : "@@session.warning_count")),
                rows(new Object[]{n}));
    }

    public StatementResult kill(MySqlKillStatement k, StrataSession session) {
        boolean queryOnly = k.getType() == MySqlKillStatement.Type.QUERY;
        for (SQLExpr idExpr : k.getThreadIds()) {
            Object id = Exprs.literal(idExpr, null);
            if (!(id instanceof Number n)) {
                throw ErrorCode.NO_SUCH_THREAD.error(idExpr.toString());
            }
            session.kill(n.longValue(), queryOnly);
        }
        return UpdateResult.OK;
    }

    /** COM_FIELD_LIST: column definitions of a table, optionally filtered by a LIKE wildcard. */
    public List<ColumnMeta> fieldList(StmtContext ctx, String table, String wildcard) {
        if (ctx.currentDatabase() == null) {
            throw ErrorCode.NO_DB_ERROR.error();
        }
        TableDef t = Names.resolve(ctx.catalog(), new Names.QualifiedName(ctx.currentDatabase(),
                Names.unquote(table).toLowerCase(Locale.ROOT)));
        List<ColumnMeta> out = new ArrayList<>();
        for (ColumnDef c : t.columns()) {
            if (wildcard == null || wildcard.isEmpty() || Like.matches(wildcard, c.name())) {
                out.add(ColumnMetas.forColumn(t, t.name(), c, c.name()));
            }
        }
        return out;
    }
}
