package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.CatalogSnapshot;
import io.strata.optimizer.exec.StatementContext;
import io.strata.optimizer.exec.TableAccess;
import io.strata.spi.kv.Transaction;

import java.time.LocalDateTime;

import static java.util.Objects.requireNonNull;

/**
 * A statement's context with the parameters {@link LiteralParameterizer} took out of its text;
 * everything else is the statement's own.
 */
final class ParameterizedContext implements StatementContext {
    private final StatementContext delegate;
    private final Object[] parameters;

    ParameterizedContext(StatementContext delegate, Object[] parameters) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.parameters = requireNonNull(parameters, "parameters is null");
    }

    @Override
    public String currentDatabase() {
        return delegate.currentDatabase();
    }

    @Override
    public CatalogSnapshot catalog() {
        return delegate.catalog();
    }

    @Override
    public Transaction transaction() {
        return delegate.transaction();
    }

    @Override
    public TableAccess tables() {
        return delegate.tables();
    }

    @Override
    public Object systemVariable(String name, boolean global) {
        return delegate.systemVariable(name, global);
    }

    @Override
    public Object userVariable(String name) {
        return delegate.userVariable(name);
    }

    @Override
    public long connectionId() {
        return delegate.connectionId();
    }

    @Override
    public String user() {
        return delegate.user();
    }

    @Override
    public long lastInsertId() {
        return delegate.lastInsertId();
    }

    @Override
    public long previousRowCount() {
        return delegate.previousRowCount();
    }

    @Override
    public Object[] parameters() {
        return parameters;
    }

    @Override
    public LocalDateTime statementTime() {
        return delegate.statementTime();
    }

    @Override
    public void warn(String level, int code, String message) {
        delegate.warn(level, code, message);
    }

    @Override
    public boolean isCancelled() {
        return delegate.isCancelled();
    }
}
