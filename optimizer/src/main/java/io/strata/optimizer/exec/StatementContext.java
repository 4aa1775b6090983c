package io.strata.optimizer.exec;

import io.strata.optimizer.catalog.CatalogSnapshot;
import io.strata.spi.kv.Transaction;

import java.time.LocalDateTime;

/**
 * What planning and execution of one statement may see of its session. Built by the session for
 * each statement; not shared across threads.
 */
public interface StatementContext {
    /** Current database (USE), or null. */
    String currentDatabase();

    CatalogSnapshot catalog();

    /** The transaction the statement runs in (the session's, or an implicit autocommit one). */
    Transaction transaction();

    TableAccess tables();

    /**
     * Value of a system variable: Long, String, BigDecimal or null. {@code global} selects GLOBAL
     * scope ({@code @@global.x}). Throws UNKNOWN_SYSTEM_VARIABLE.
     */
    Object systemVariable(String name, boolean global);

    /** Value of a user variable {@code @name}, or null when unset. */
    Object userVariable(String name);

    long connectionId();

    String user();

    /** LAST_INSERT_ID() as of the start of this statement. */
    long lastInsertId();

    /** ROW_COUNT() of the previous statement. */
    long previousRowCount();

    /** Bound parameters of a prepared statement execution, or null for the text protocol. */
    Object[] parameters();

    /** NOW() for the whole statement, in the session time zone. */
    LocalDateTime statementTime();

    /** Adds a warning for SHOW WARNINGS ("Warning" or "Note" level). */
    void warn(String level, int code, String message);

    /** True once KILL QUERY asked the statement to stop; long loops check it. */
    boolean isCancelled();
}
