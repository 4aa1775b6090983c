package io.strata.sql.session;

import io.strata.optimizer.exec.StatementContext;
import io.strata.optimizer.exec.TableAccess;
import io.strata.sql.catalog.Catalog;
import io.strata.sql.exec.Coercion;
import io.strata.sql.exec.KvTableAccess;
import io.strata.spi.kv.Transaction;

import java.time.LocalDateTime;

import static java.util.Objects.requireNonNull;

/**
 * The {@link StatementContext} of one statement: the session's state as of the statement's start
 * plus the transaction and catalog snapshot it runs against. Warnings go to the session's list for
 * this statement.
 */
public final class StmtContext implements StatementContext, Coercion.Warnings {
    private final StrataSession session;
    private final Catalog catalog;
    private final Transaction txn;
    private final KvTableAccess tables;
    private final Object[] parameters;
    private final LocalDateTime now;
    private final long lastInsertId;
    private final long previousRowCount;

    StmtContext(StrataSession session, Catalog catalog, Transaction txn, Object[] parameters, LocalDateTime now) {
        this.session = requireNonNull(session, "session is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.txn = requireNonNull(txn, "txn is null");
        this.tables = new KvTableAccess(catalog);
        this.parameters = parameters;
        this.now = now;
        this.lastInsertId = session.lastInsertId();
        this.previousRowCount = session.previousRowCount();
    }

    @Override
    public String currentDatabase() {
        return session.currentDatabase();
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public Transaction transaction() {
        return txn;
    }

    @Override
    public TableAccess tables() {
        return tables;
    }

    public KvTableAccess kvTables() {
        return tables;
    }

    @Override
    public Object systemVariable(String name, boolean global) {
        return session.systemVariable(name, global);
    }

    @Override
    public Object userVariable(String name) {
        return session.userVariable(name);
    }

    @Override
    public long connectionId() {
        return session.info().connectionId();
    }

    @Override
    public String user() {
        return session.info().user() + "@" + session.clientHost();
    }

    @Override
    public long lastInsertId() {
        return lastInsertId;
    }

    @Override
    public long previousRowCount() {
        return previousRowCount;
    }

    @Override
    public Object[] parameters() {
        return parameters;
    }

    @Override
    public LocalDateTime statementTime() {
        return now;
    }

    @Override
    public void warn(String level, int code, String message) {
        session.addWarning(new Warning(level, code, message));
    }

    @Override
    public boolean isCancelled() {
        return session.isCancelled();
    }

    public StrataSession session() {
        return session;
    }

    public EngineServices services() {
        return session.services();
    }

    /** Coercion for writes: strict unless the statement is IGNORE or sql_mode is not strict. */
    public Coercion coercion(boolean ignore) {
        return new Coercion(!ignore && session.strictMode(), this);
    }

    public WarningList warnings() {
        return session.currentWarnings();
    }
}
