package io.strata.sql.session;

import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLBeginStatement;
import com.alibaba.druid.sql.ast.statement.SQLCommitStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateDatabaseStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLDeleteStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropDatabaseStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLInsertStatement;
import com.alibaba.druid.sql.ast.statement.SQLReplaceStatement;
import com.alibaba.druid.sql.ast.statement.SQLRollbackStatement;
import com.alibaba.druid.sql.ast.statement.SQLSelectStatement;
import com.alibaba.druid.sql.ast.statement.SQLSetStatement;
import com.alibaba.druid.sql.ast.statement.SQLStartTransactionStatement;
import com.alibaba.druid.sql.ast.statement.SQLTruncateStatement;
import com.alibaba.druid.sql.ast.statement.SQLUpdateStatement;
import com.alibaba.druid.sql.ast.statement.SQLUseStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlExplainStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlKillStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlLoadDataInFileStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlSetTransactionStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlShowErrorsStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlShowWarningsStatement;
import com.alibaba.druid.sql.ast.statement.SQLShowStatement;
import com.alibaba.druid.sql.visitor.SQLASTVisitorAdapter;
import io.strata.sql.catalog.Catalog;
import io.strata.sql.stmt.DdlExecutor;
import io.strata.sql.stmt.DmlExecutor;
import io.strata.sql.stmt.LoadDataExecutor;
import io.strata.sql.stmt.Names;
import io.strata.sql.stmt.QueryExecutor;
import io.strata.sql.stmt.Results;
import io.strata.sql.stmt.SetExecutor;
import io.strata.sql.stmt.ShowExecutor;
import io.strata.sql.stmt.SqlParser;
import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;
import io.strata.spi.kv.IsolationLevel;
import io.strata.spi.kv.Transaction;
import io.strata.spi.kv.TxnOptions;
import io.strata.spi.session.ClientConnection;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.MysqlType;
import io.strata.spi.session.PreparedInfo;
import io.strata.spi.session.QueryResult;
import io.strata.spi.session.SessionInfo;
import io.strata.spi.session.SqlSession;
import io.strata.spi.session.StatementResult;
import io.strata.spi.session.UpdateResult;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * One client connection: current database, variables, the open transaction, prepared statements
 * and the warnings of the last statement. Statements are parsed once and dispatched on the AST's
 * type to the executors in {@code io.strata.sql.stmt}.
 *
 * <p>Transactions: with autocommit on and no BEGIN, every statement runs in a transaction of its
 * own, committed at its end, and re-run at a fresh timestamp (a few times) if the commit meets a
 * write conflict. Otherwise statements share the session's transaction; each statement is a
 * savepoint ({@code beginStatement}), so a failing statement leaves its predecessors' writes
 * intact. DDL commits the open transaction first, as in MySQL.
 *
 * <p>Used by one thread at a time; only {@link #cancel()}, {@link #terminate()} and the fields SHOW
 * PROCESSLIST reads are touched from other threads.
 */
public final class StrataSession implements SqlSession {
    /** The one account with every privilege (CONNECTION_ADMIN: KILL of other users' threads). */
    private static final String SUPER_USER = "root";

    private final SessionInfo info;
    private final ClientConnection connection;
    private final EngineServices services;
    private final QueryExecutor queries;
    private final DmlExecutor dml;
    private final DdlExecutor ddl;
    private final ShowExecutor show;
    private final SetExecutor set;
    private final LoadDataExecutor loadData = new LoadDataExecutor();

    private String currentDb;
    /** CLIENT_MULTI_STATEMENTS as the client asked at login, switched by COM_SET_OPTION. */
    private boolean multiStatements;
    private Map<String, Object> variables;
    private final Map<String, Object> userVariables = new HashMap<>();
    private final Map<Integer, Prepared> prepared = new HashMap<>();
    private int nextStatementId = 1;

    /** The session's open transaction (BEGIN, or autocommit off), or null. */
    private Transaction txn;
    /** An autocommit read transaction kept open until the streamed result that needs it is closed. */
    private Transaction resultTxn;
    /** Isolation and access mode for the next transaction only (SET TRANSACTION without SESSION). */
    private IsolationLevel nextIsolation;
    private Boolean nextReadOnly;
    private boolean explicitReadOnly;

    private long lastInsertId;
    private long previousRowCount = -1;
    private WarningList warnings = new WarningList((int) SystemVariables.DEFAULT_MAX_ERROR_COUNT);

    private volatile boolean cancelled;
    private volatile boolean killed;
    private volatile String runningSql;
    private volatile long stateSince = System.currentTimeMillis();

    private record Prepared(int id, String sql, SQLStatement statement, int paramCount, PlanSlot plan) {
    }

    /** The plan memo of the prepared statement being executed, or null outside COM_STMT_EXECUTE. */
    private PlanSlot executingPlan;

    public StrataSession(SessionInfo info, ClientConnection connection, EngineServices services) {
        this.info = requireNonNull(info, "info is null");
        this.connection = requireNonNull(connection, "connection is null");
        this.services = requireNonNull(services, "services is null");
        this.variables = services.variables().sessionDefaults();
        this.multiStatements = info.multiStatements();
        this.queries = new QueryExecutor();
        this.dml = new DmlExecutor(queries);
        this.ddl = new DdlExecutor(dml);
        this.show = new ShowExecutor();
        this.set = new SetExecutor();
        if (info.database() != null && !info.database().isEmpty()) {
            useDatabase(info.database());
        }
    }

    // ------------------------------------------------------------------ SqlSession

    @Override
    public SessionInfo info() {
        return info;
    }

    @Override
    public void execute(String sql, ResultSink sink) {
        List<SQLStatement> statements;
        try {
            statements = SqlParser.parse(sql);
        } catch (StrataException e) {
            warnings = newWarnings();
            recordError(e);
            throw e;
        }
        if (statements.isEmpty()) {
            StrataException e = ErrorCode.EMPTY_QUERY.error();
            warnings = newWarnings();
            recordError(e);
            throw e;
        }
        if (statements.size() > 1 && !multiStatements) {
            String second = statements.get(1).toString();
            StrataException e = ErrorCode.PARSE_ERROR.error(second.length() > 80 ? second.substring(0, 80) : second, 1);
            warnings = newWarnings();
            recordError(e);
            throw e;
        }
        for (int i = 0; i < statements.size(); i++) {
            SQLStatement st = statements.get(i);
            StatementResult r = run(st, null, statements.size() == 1 ? sql : st.toString());
            sink.accept(r, i < statements.size() - 1);
        }
    }

    @Override
    public void setMultiStatements(boolean enabled) {
        multiStatements = enabled;
    }

    @Override
    public boolean multiStatements() {
        return multiStatements;
    }

    @Override
    public PreparedInfo prepare(String sql) {
        List<SQLStatement> statements = SqlParser.parse(sql);
        if (statements.size() != 1 || statements.get(0) instanceof MySqlLoadDataInFileStatement) {
            // MySQL cannot prepare LOAD DATA either
            throw ErrorCode.UNSUPPORTED_PS.error();
        }
        SQLStatement st = statements.get(0);
        int[] count = {0};
        st.accept(new SQLASTVisitorAdapter() {
            @Override
            public boolean visit(SQLVariantRefExpr x) {
                if ("?".equals(x.getName())) {
                    // number the markers in text order; executors and the planner bind by this index
                    x.setIndex(count[0]++);
                }
                return true;
            }
        });
        List<ColumnMeta> params = new ArrayList<>();
        for (int i = 0; i < count[0]; i++) {
            params.add(ColumnMeta.expression("?", MysqlType.VAR_STRING, 0, 0, 0, ColumnMeta.CHARSET_BINARY));
        }
        List<ColumnMeta> columns = List.of();
        if (st instanceof SQLSelectStatement sel) {
            columns = withReadTxn(ctx -> services.planner().describe(sel.getSelect(), ctx));
        }
        int id = nextStatementId++;
        prepared.put(id, new Prepared(id, sql, st, count[0], new PlanSlot()));
        return new PreparedInfo(id, params, columns);
    }

    @Override
    public StatementResult executePrepared(int statementId, Object[] params) {
        Prepared p = prepared.get(statementId);
        if (p == null) {
            throw ErrorCode.UNKNOWN_STMT_HANDLER.error(String.valueOf(statementId), "mysqld_stmt_execute");
        }
        Object[] bound = params == null ? new Object[0] : params.clone();
        if (bound.length != p.paramCount()) {
            throw ErrorCode.WRONG_ARGUMENTS.error("mysqld_stmt_execute");
        }
        executingPlan = p.plan();
        try {
            return run(p.statement(), bound, p.sql());
        } finally {
            executingPlan = null;
        }
    }

    /**
     * The memo of the prepared statement now executing (null for a text query, whose AST is new
     * each time). Executors must validate what they find against the statement's catalog.
     */
    public PlanSlot preparedPlan() {
        return executingPlan;
    }

    @Override
    public void closePrepared(int statementId) {
        prepared.remove(statementId);
    }

    @Override
    public void useDatabase(String database) {
        String db = Names.unquote(database).toLowerCase(Locale.ROOT);
        if (!freshCatalog().hasDatabase(db)) {
            throw ErrorCode.BAD_DB_ERROR.error(db);
        }
        currentDb = db;
    }

    @Override
    public List<ColumnMeta> fieldList(String table, String wildcard) {
        return withReadTxn(ctx -> show.fieldList(ctx, table, wildcard));
    }

    @Override
    public void reset() {
        closeResultTxn();
        if (txn != null) {
            txn.rollback();
            txn = null;
        }
        prepared.clear();
        userVariables.clear();
        variables = services.variables().sessionDefaults();
        nextIsolation = null;
        nextReadOnly = null;
        warnings = newWarnings();
        lastInsertId = 0;
    }

    @Override
    public int statusFlags() {
        int flags = 0;
        if (txn != null) {
            flags |= STATUS_IN_TRANS;
        }
        if (autocommit()) {
            flags |= STATUS_AUTOCOMMIT;
        }
        return flags;
    }

    @Override
    public int warningCount() {
        return (int) Math.min(Integer.MAX_VALUE, warnings.count());
    }

    @Override
    public long maxAllowedPacket() {
        Object v = variables.get("max_allowed_packet");
        return v instanceof Number n ? n.longValue() : 67108864L;
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public void kill(long connectionId, boolean queryOnly) {
        StrataSession target = services.sessions().find(connectionId)
                .orElseThrow(() -> ErrorCode.NO_SUCH_THREAD.error(connectionId));
        // MySQL: without CONNECTION_ADMIN a user may kill only its own threads
        if (!info.user().equals(SUPER_USER) && !info.user().equals(target.info().user())) {
            throw ErrorCode.KILL_DENIED.error(connectionId);
        }
        if (queryOnly) {
            target.cancel();
        } else {
            target.terminate();
        }
    }

    /**
     * KILL CONNECTION (or engine shutdown): stops the running statement, fails every later one and
     * closes the client's socket.
     */
    public void terminate() {
        killed = true;
        cancelled = true;
        connection.disconnect();
    }

    @Override
    public void close() {
        try {
            closeResultTxn();
            if (txn != null) {
                txn.rollback();
                txn = null;
            }
        } finally {
            services.sessions().remove(this);
        }
    }

    // ------------------------------------------------------------------ statement execution

    private StatementResult run(SQLStatement st, Object[] params, String sqlText) {
        if (killed) {
            throw ErrorCode.QUERY_INTERRUPTED.error();
        }
        closeResultTxn();
        boolean keepWarnings = st instanceof MySqlShowWarningsStatement || st instanceof MySqlShowErrorsStatement;
        if (!keepWarnings) {
            warnings = newWarnings();
        }
        cancelled = false;
        runningSql = sqlText;
        stateSince = System.currentTimeMillis();
        try {
            StatementResult r = dispatch(st, params);
            if (!keepWarnings) {
                previousRowCount = r instanceof UpdateResult u ? u.affectedRows() : -1;
            }
            return r;
        } catch (StrataException e) {
            recordError(e);
            throw e;
        } catch (RuntimeException e) {
            StrataException se = new StrataException(ErrorCode.INTERNAL, String.valueOf(e.getMessage()), e);
            recordError(se);
            throw se;
        } finally {
            runningSql = null;
            stateSince = System.currentTimeMillis();
        }
    }

    private void recordError(StrataException e) {
        warnings = warnings.copy();
        warnings.add(new Warning("Error", e.code().mysqlCode(), e.getMessage()));
    }

    private StatementResult dispatch(SQLStatement st, Object[] params) {
        if (st instanceof SQLSelectStatement sel) {
            return inTransaction(params, ctx -> queries.select(sel, ctx));
        }
        if (st instanceof SQLInsertStatement ins) {
            return inTransaction(params, ctx -> dml.insert(ins, ctx));
        }
        if (st instanceof SQLReplaceStatement rep) {
            return inTransaction(params, ctx -> dml.replace(rep, ctx));
        }
        if (st instanceof SQLUpdateStatement upd) {
            return inTransaction(params, ctx -> dml.update(upd, ctx));
        }
        if (st instanceof SQLDeleteStatement del) {
            return inTransaction(params, ctx -> dml.delete(del, ctx));
        }
        if (st instanceof SQLBeginStatement) {
            begin(false, false);
            return UpdateResult.OK;
        }
        if (st instanceof SQLStartTransactionStatement s) {
            begin(s.isReadOnly(), s.isConsistentSnapshot());
            return UpdateResult.OK;
        }
        if (st instanceof SQLCommitStatement) {
            commit();
            return UpdateResult.OK;
        }
        if (st instanceof SQLRollbackStatement) {
            rollback();
            return UpdateResult.OK;
        }
        if (st instanceof SQLSetStatement s) {
            return set.set(s, this, params);
        }
        if (st instanceof MySqlSetTransactionStatement s) {
            return set.setTransaction(s, this);
        }
        if (st instanceof SQLUseStatement u) {
            useDatabase(Names.simple(u.getDatabase()));
            return UpdateResult.OK;
        }
        if (st instanceof SQLCreateDatabaseStatement || st instanceof SQLDropDatabaseStatement
                || st instanceof SQLCreateTableStatement || st instanceof SQLDropTableStatement
                || st instanceof SQLTruncateStatement || st instanceof SQLCreateIndexStatement
                || st instanceof SQLDropIndexStatement || st instanceof SQLAlterTableStatement
                || st instanceof com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlRenameTableStatement) {
            commitImplicitly();
            return ddl.execute(st, this);
        }
        if (st instanceof MySqlShowWarningsStatement w) {
            return w.isCount() ? show.warningCount(warnings, false) : show.warnings(warnings, false);
        }
        if (st instanceof MySqlShowErrorsStatement e) {
            return e.isCount() ? show.warningCount(warnings, true) : show.warnings(warnings, true);
        }
        if (st instanceof com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlFlushStatement) {
            // FLUSH TABLES / PRIVILEGES / LOGS: nothing is cached that needs flushing
            return UpdateResult.OK;
        }
        if (st instanceof MySqlLoadDataInFileStatement load) {
            // batches run in transactions of their own (or join the open one): see LoadDataExecutor
            return loadData.load(load, this);
        }
        if (st instanceof MySqlKillStatement k) {
            return show.kill(k, this);
        }
        if (st instanceof MySqlExplainStatement ex) {
            if (ex.isDescribe() || ex.getStatement() == null) {
                return inTransaction(params, ctx -> show.describe(ex, ctx));
            }
            if (ex.getStatement() instanceof SQLSelectStatement sel) {
                return inTransaction(params, ctx -> services.planner().explain(sel.getSelect(), ctx));
            }
            throw ErrorCode.NOT_SUPPORTED_YET.error("EXPLAIN of " + ex.getStatement().getClass().getSimpleName());
        }
        if (st instanceof SQLShowStatement || show.handles(st)) {
            return inTransaction(params, ctx -> show.execute(st, ctx));
        }
        throw ErrorCode.NOT_SUPPORTED_YET.error(statementName(st));
    }

    private static String statementName(SQLStatement st) {
        String s = st.toString();
        int nl = s.indexOf('\n');
        return nl > 0 ? s.substring(0, nl) : s;
    }

    // ------------------------------------------------------------------ transactions

    /** Runs statement work in the session's transaction, or in an autocommit one with retries. */
    private StatementResult inTransaction(Object[] params, Function<StmtContext, StatementResult> work) {
        if (txn == null && !autocommit()) {
            txn = services.kv().begin(txnOptions(false));
        }
        if (txn != null) {
            Transaction t = txn;
            t.beginStatement();
            WarningList before = warnings.copy();
            try {
                return work.apply(context(t, params));
            } catch (RuntimeException e) {
                // a deadlock victim loses its whole transaction (as in InnoDB); any other failure
                // only undoes the statement
                boolean deadlock = e instanceof StrataException se && se.code() == ErrorCode.LOCK_DEADLOCK;
                if (deadlock || t.isFinished()) {
                    t.rollback();
                    txn = null;
                } else {
                    t.rollbackStatement();
                }
                warnings = before;
                throw e;
            }
        }
        int retries = services.config().writeConflictRetries();
        for (int attempt = 0; ; attempt++) {
            Transaction t = services.kv().begin(txnOptions(false));
            WarningList before = warnings.copy();
            long insertIdBefore = lastInsertId;
            try {
                t.beginStatement();
                StatementResult r = work.apply(context(t, params));
                if (r instanceof QueryResult q && t.isReadOnly()) {
                    // the rows may be read lazily: keep the read transaction until the result is closed
                    resultTxn = t;
                    return Results.onClose(q, this::closeResultTxn);
                }
                if (r instanceof QueryResult q) {
                    List<Object[]> rows = Results.drain(q);
                    t.commit();
                    return Results.of(q.columns(), rows);
                }
                t.commit();
                return r;
            } catch (StrataException e) {
                t.close();
                warnings = before;
                lastInsertId = insertIdBefore;
                if (e.code() != ErrorCode.WRITE_CONFLICT || attempt >= retries) {
                    throw e;
                }
            } catch (RuntimeException e) {
                t.close();
                throw e;
            }
        }
    }

    private void closeResultTxn() {
        Transaction t = resultTxn;
        resultTxn = null;
        if (t != null && !t.isFinished()) {
            t.rollback();
        }
    }

    private StmtContext context(Transaction t, Object[] params) {
        Catalog catalog = services.catalog().current(t);
        return new StmtContext(this, catalog, t, params, now());
    }

    private LocalDateTime now() {
        return LocalDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** Result columns of a SELECT without running it (planner.describe in a read transaction). */
    public List<ColumnMeta> describe(com.alibaba.druid.sql.ast.statement.SQLSelect select) {
        return withReadTxn(ctx -> services.planner().describe(select, ctx));
    }

    /** Runs read-only work (prepare metadata, COM_FIELD_LIST) in a short transaction of its own. */
    private <T> T withReadTxn(Function<StmtContext, T> work) {
        if (txn != null) {
            return work.apply(context(txn, null));
        }
        try (Transaction t = services.kv().begin(txnOptions(true))) {
            return work.apply(context(t, null));
        }
    }

    /** The catalog as of now, for statements that run outside a transaction (USE, DDL checks). */
    public Catalog freshCatalog() {
        try (Transaction t = services.kv().begin(TxnOptions.DEFAULT)) {
            return services.catalog().current(t);
        }
    }

    private TxnOptions txnOptions(boolean readOnly) {
        IsolationLevel iso = nextIsolation != null ? nextIsolation : isolation();
        boolean ro = readOnly || (nextReadOnly != null ? nextReadOnly : longVar("transaction_read_only") != 0);
        nextIsolation = null;
        nextReadOnly = null;
        Duration wait = Duration.ofSeconds(Math.max(0, longVar("innodb_lock_wait_timeout")));
        // lock waits end early when KILL QUERY cancels the statement
        return new TxnOptions(iso, wait, ro, this::isCancelled);
    }

    private void begin(boolean readOnly, boolean consistentSnapshot) {
        commitImplicitly();
        txn = services.kv().begin(txnOptions(readOnly));
        explicitReadOnly = readOnly;
    }

    /** Commits the open transaction (BEGIN inside a transaction, DDL, SET autocommit=1). */
    public void commitImplicitly() {
        if (txn != null) {
            commit();
        }
    }

    private void commit() {
        Transaction t = txn;
        txn = null;
        explicitReadOnly = false;
        if (t != null) {
            try {
                t.commit();
            } finally {
                t.close();
            }
        }
    }

    private void rollback() {
        Transaction t = txn;
        txn = null;
        explicitReadOnly = false;
        if (t != null) {
            t.rollback();
        }
    }

    public boolean inTransaction() {
        return txn != null;
    }

    /** SET TRANSACTION (no SESSION/GLOBAL): characteristics of the next transaction only. */
    public void setNextTransaction(IsolationLevel isolation, Boolean readOnly) {
        if (txn != null) {
            throw ErrorCode.CANT_CHANGE_TX_CHARACTERISTICS.error();
        }
        if (isolation != null) {
            nextIsolation = isolation;
        }
        if (readOnly != null) {
            nextReadOnly = readOnly;
        }
    }

    // ------------------------------------------------------------------ state used by executors

    public EngineServices services() {
        return services;
    }

    /** The client connection this session serves (LOAD DATA LOCAL reads the client's file through it). */
    public ClientConnection clientConnection() {
        return connection;
    }

    public String currentDatabase() {
        return currentDb;
    }

    /** After DROP DATABASE of the current database. */
    public void clearCurrentDatabase() {
        currentDb = null;
    }

    public String clientHost() {
        String h = info.host();
        int colon = h.lastIndexOf(':');
        return colon > 0 ? h.substring(0, colon) : h;
    }

    public long lastInsertId() {
        return lastInsertId;
    }

    public void setLastInsertId(long id) {
        lastInsertId = id;
    }

    public long previousRowCount() {
        return previousRowCount;
    }

    /** A fresh diagnostics area sized by max_error_count. */
    private WarningList newWarnings() {
        return new WarningList((int) Math.min(Integer.MAX_VALUE, longVar("max_error_count")));
    }

    public void addWarning(Warning w) {
        warnings.add(w);
    }

    public WarningList currentWarnings() {
        return warnings;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** strata_txn_mode = PESSIMISTIC: DML in transactions locks the rows it changes. */
    public boolean pessimistic() {
        return "PESSIMISTIC".equals(variables.get("strata_txn_mode"));
    }

    public boolean autocommit() {
        return longVar("autocommit") != 0;
    }

    public IsolationLevel isolation() {
        return IsolationLevel.fromMysqlName(String.valueOf(variables.get("transaction_isolation")));
    }

    /** STRICT_TRANS_TABLES or STRICT_ALL_TABLES in sql_mode. */
    public boolean strictMode() {
        String mode = String.valueOf(variables.get("sql_mode"));
        return mode.contains("STRICT_TRANS_TABLES") || mode.contains("STRICT_ALL_TABLES");
    }

    private long longVar(String name) {
        Object v = variables.get(name);
        return v instanceof Number n ? n.longValue() : 0;
    }

    /** @@name: session value (GLOBAL when asked, or when the variable has only global scope). */
    public Object systemVariable(String name, boolean global) {
        SystemVariables.Definition d = services.variables().definition(name);
        String n = d.name();
        if (global) {
            return services.variables().global(n);
        }
        if (d.scope() == SystemVariables.Scope.GLOBAL) {
            return services.variables().global(n);
        }
        return switch (n) {
            case "last_insert_id", "identity" -> lastInsertId;
            case "warning_count" -> warnings.count();
            case "error_count" -> warnings.errorCount();
            case "pseudo_thread_id" -> info.connectionId();
            default -> variables.get(n);
        };
    }

    /** SET [SESSION] name = value, with the side effects MySQL gives some variables. */
    public void setSessionVariable(String name, Object value) {
        SystemVariables.Definition d = services.variables().definition(name);
        if (d.scope() == SystemVariables.Scope.GLOBAL) {
            throw ErrorCode.GLOBAL_VARIABLE.error(d.name());
        }
        if (d.readOnly()) {
            throw ErrorCode.INCORRECT_GLOBAL_LOCAL_VAR.error(d.name(), "read only");
        }
        Object v = SystemVariables.validate(d, value);
        switch (d.name()) {
            case "autocommit" -> {
                if (((Long) v) == 1L) {
                    commitImplicitly();
                }
            }
            case "last_insert_id", "identity" -> {
                lastInsertId = ((Number) v).longValue();
                return;
            }
            case "transaction_isolation" -> {
                variables.put(d.name(), v);
                if (txn != null) {
                    // InnoDB takes the session's level at every statement, so a change inside an open
                    // transaction governs its following reads. A transaction that has neither written
                    // nor locked anything is equivalent to a fresh one: restart it at the new level.
                    // One with writes keeps its level; the change applies from the next transaction.
                    if (txn.isReadOnly()) {
                        boolean ro = explicitReadOnly;
                        txn.rollback();
                        txn = services.kv().begin(txnOptions(ro));
                        explicitReadOnly = ro;
                    }
                }
                return;
            }
            default -> {
            }
        }
        variables.put(d.name(), v);
    }

    /** The raw session value map entry (SHOW VARIABLES). */
    public Object sessionValue(String canonicalName) {
        return systemVariable(canonicalName, false);
    }

    public Object userVariable(String name) {
        return userVariables.get(name.toLowerCase(Locale.ROOT));
    }

    public void setUserVariable(String name, Object value) {
        userVariables.put(name.toLowerCase(Locale.ROOT), value);
    }

    /** SHOW PROCESSLIST row: Id, User, Host, db, Command, Time, State, Info. */
    public Object[] processRow(boolean full) {
        String sql = runningSql;
        long seconds = (System.currentTimeMillis() - stateSince) / 1000;
        String infoText = sql == null ? null : (full || sql.length() <= 100 ? sql : sql.substring(0, 100));
        return new Object[]{info.connectionId(), info.user(), info.host(), currentDb, sql == null ? "Sleep" : "Query",
                seconds, sql == null ? "" : "executing", infoText};
    }

    /** Runs work (SET with a non-literal value, for example) inside the statement transaction machinery. */
    public StatementResult runInTransaction(Object[] params, Function<StmtContext, StatementResult> work) {
        return inTransaction(params, work);
    }
}
