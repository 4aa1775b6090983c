package io.strata.spi.session;

import java.util.Iterator;
import java.util.List;

/**
 * Rows produced by a statement, pulled one at a time so a large result streams to the client
 * under back-pressure. Row values are Java objects matching the column's {@link MysqlType}:
 * Long (integers; BigInteger for BIGINT UNSIGNED above Long.MAX_VALUE), BigDecimal, Double (or
 * Float), String, byte[], LocalDate, LocalDateTime, LocalTime, or null. The row array is owned by
 * the consumer once returned. Must be closed; closing early releases storage resources.
 */
public non-sealed interface QueryResult extends StatementResult, AutoCloseable {
    List<ColumnMeta> columns();

    Iterator<Object[]> rows();

    @Override
    void close();

    /** A fully materialized result. */
    static QueryResult of(List<ColumnMeta> columns, List<Object[]> rows) {
        List<ColumnMeta> cols = List.copyOf(columns);
        return new QueryResult() {
            @Override
            public List<ColumnMeta> columns() {
                return cols;
            }

            @Override
            public Iterator<Object[]> rows() {
                return rows.iterator();
            }

            @Override
            public void close() {
            }
        };
    }
}
