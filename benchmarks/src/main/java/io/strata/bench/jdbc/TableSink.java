package io.strata.bench.jdbc;

import java.sql.SQLException;

/** Receives the generated rows of one table, in order; {@link #close()} makes them durable. */
public interface TableSink extends AutoCloseable {
    void add(Object[] row) throws SQLException;

    @Override
    void close() throws SQLException;
}
