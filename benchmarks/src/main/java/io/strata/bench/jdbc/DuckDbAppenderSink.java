package io.strata.bench.jdbc;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;

/** Loads rows through DuckDB's appender, its native bulk path (what its own docs recommend). */
public final class DuckDbAppenderSink implements TableSink {
    private final DuckDBAppender appender;

    public DuckDbAppenderSink(Connection connection, String schema, String table) throws SQLException {
        this.appender = connection.unwrap(DuckDBConnection.class).createAppender(schema, table);
    }

    @Override
    public void add(Object[] row) throws SQLException {
        appender.beginRow();
        for (Object v : row) {
            if (v == null) {
                appender.appendNull();
            } else if (v instanceof Long l) {
                appender.append(l.longValue());
            } else if (v instanceof Integer i) {
                appender.append(i.intValue());
            } else if (v instanceof BigDecimal d) {
                appender.append(d);
            } else if (v instanceof Double d) {
                appender.append(d.doubleValue());
            } else if (v instanceof LocalDate d) {
                appender.append(d);
            } else if (v instanceof java.time.LocalDateTime t) {
                appender.append(t);
            } else {
                appender.append(v.toString());
            }
        }
        appender.endRow();
    }

    @Override
    public void close() throws SQLException {
        appender.close();
    }
}
