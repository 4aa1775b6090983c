package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.CatalogSnapshot;
import io.strata.optimizer.exec.StatementContext;
import io.strata.optimizer.exec.TableAccess;
import io.strata.spi.ErrorCode;
import io.strata.spi.kv.Transaction;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Test double: a {@link StatementContext} with settable session values that records warnings. */
final class TestContextDouble implements StatementContext {
    String database;
    CatalogSnapshot catalog;
    TableAccess tables;
    final Map<String, Object> sysVars = new HashMap<>();
    final Map<String, Object> globalVars = new HashMap<>();
    final Map<String, Object> userVars = new HashMap<>();
    final List<String> warnings = new ArrayList<>();
    Object[] parameters;
    LocalDateTime now = LocalDateTime.of(2024, 3, 15, 10, 20, 30);
    long lastInsertId = 42;
    long rowCount = 3;
    /** Set by a test's watchdog to stop a statement the way KILL QUERY does. */
    volatile boolean cancelled;

    TestContextDouble(String database, CatalogSnapshot catalog, TableAccess tables) {
        this.database = database;
        this.catalog = catalog;
        this.tables = tables;
        sysVars.put("version_comment", "Strata test");
        sysVars.put("version", "8.0.11-Strata");
        sysVars.put("autocommit", 1L);
        sysVars.put("max_allowed_packet", 67108864L);
        globalVars.put("max_connections", 151L);
    }

    @Override
    public String currentDatabase() {
        return database;
    }

    @Override
    public CatalogSnapshot catalog() {
        return catalog;
    }

    @Override
    public Transaction transaction() {
        return null;
    }

    @Override
    public TableAccess tables() {
        return tables;
    }

    @Override
    public Object systemVariable(String name, boolean global) {
        String n = name.toLowerCase(Locale.ROOT);
        if (global && globalVars.containsKey(n)) {
            return globalVars.get(n);
        }
        if (sysVars.containsKey(n)) {
            return sysVars.get(n);
        }
        if (globalVars.containsKey(n)) {
            return globalVars.get(n);
        }
        throw ErrorCode.UNKNOWN_SYSTEM_VARIABLE.error(name);
    }

    @Override
    public Object userVariable(String name) {
        return userVars.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public long connectionId() {
        return 7;
    }

    @Override
    public String user() {
        return "root@localhost";
    }

    @Override
    public long lastInsertId() {
        return lastInsertId;
    }

    @Override
    public long previousRowCount() {
        return rowCount;
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
        warnings.add(level + " " + code + " " + message);
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
