package io.strata.bench.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Loads rows with multi-row {@code INSERT INTO t (cols) VALUES (...), (...)} statements of
 * {@code batchRows} rows each, in autocommit: the bulk path any MySQL client has, and the one
 * mysqldump output and sysbench's prepare step use.
 */
public final class MultiRowInsertSink implements TableSink {
    private final Connection connection;
    private final String prefix;
    private final int batchRows;
    private final StringBuilder sql = new StringBuilder();
    private int pending;

    public MultiRowInsertSink(Connection connection, String table, List<String> columns, int batchRows) {
        this.connection = requireNonNull(connection, "connection is null");
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be positive");
        }
        this.prefix = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
        this.batchRows = batchRows;
    }

    @Override
    public void add(Object[] row) throws SQLException {
        sql.append(pending == 0 ? prefix : ", ").append('(');
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                sql.append(", ");
            }
            Sql.appendLiteral(sql, row[i]);
        }
        sql.append(')');
        if (++pending == batchRows) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (pending == 0) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.executeUpdate(sql.toString());
        }
        sql.setLength(0);
        pending = 0;
    }

    @Override
    public void close() throws SQLException {
        flush();
    }
}
