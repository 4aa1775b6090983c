package io.strata.spi.session;

import java.util.List;

/**
 * One client connection's SQL state: current database, variables, transaction, prepared
 * statements. The protocol layer drives it and sees nothing of how statements are planned.
 * A session is used by one thread at a time.
 */
public interface SqlSession extends AutoCloseable {
    /** MySQL SERVER_STATUS_IN_TRANS. */
    int STATUS_IN_TRANS = 0x0001;
    /** MySQL SERVER_STATUS_AUTOCOMMIT. */
    int STATUS_AUTOCOMMIT = 0x0002;

    SessionInfo info();

    /**
     * Runs the statement(s) in {@code sql}. With multi-statements enabled the text may hold
     * several statements; results come back in order, and execution stops at the first error,
     * which is thrown after the sink has received the results of the statements before it.
     */
    void execute(String sql, ResultSink sink);

    PreparedInfo prepare(String sql);

    /**
     * COM_SET_OPTION: turns multi-statements on or off for this connection from now on (the
     * initial state is {@link SessionInfo#multiStatements()}, the client's capability).
     */
    void setMultiStatements(boolean enabled);

    /** Whether {@link #execute} currently accepts several statements in one text. */
    boolean multiStatements();

    /**
     * Executes a prepared statement. {@code params} hold Java values as decoded from the binary
     * protocol (Long, BigInteger, Double, Float, BigDecimal, String, byte[], LocalDate,
     * LocalDateTime, LocalTime, or null).
     */
    StatementResult executePrepared(int statementId, Object[] params);

    void closePrepared(int statementId);

    /** COM_INIT_DB. Throws BAD_DB_ERROR for an unknown database. */
    void useDatabase(String database);

    /** COM_FIELD_LIST: columns of a table (deprecated by MySQL, still sent by some clients). */
    List<ColumnMeta> fieldList(String table, String wildcard);

    /** COM_RESET_CONNECTION: roll back, drop prepared statements and user variables, reset session variables. */
    void reset();

    /** STATUS_* bits for OK and EOF packets. */
    int statusFlags();

    /** Warnings raised by the last statement (for OK/EOF packets). */
    int warningCount();

    /** max_allowed_packet as the session currently sees it. */
    long maxAllowedPacket();

    /** Asks a running statement to stop (the client's socket closed). */
    void cancel();

    /**
     * KILL [CONNECTION | QUERY] issued by this session's user (SQL KILL or COM_PROCESS_KILL).
     * KILL QUERY makes the target's running statement fail with QUERY_INTERRUPTED and keeps its
     * connection; KILL CONNECTION also closes the target's socket. Throws NO_SUCH_THREAD for an
     * unknown id and KILL_DENIED when the user may not kill the target's thread.
     */
    void kill(long connectionId, boolean queryOnly);

    /** Rolls back any open transaction and releases resources. */
    @Override
    void close();

    /** Receives the results of a (multi-)statement, one at a time. */
    interface ResultSink {
        /** @param more another result follows (MySQL SERVER_MORE_RESULTS_EXISTS) */
        void accept(StatementResult result, boolean more);
    }
}
