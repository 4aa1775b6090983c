package io.strata.bench.jdbc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import com.mysql.cj.jdbc.JdbcStatement;

import static java.util.Objects.requireNonNull;

/**
 * Loads rows with {@code LOAD DATA LOCAL INFILE}, the bulk path of MySQL-protocol servers:
 * rows are written as tab-separated text ({@code \N} for NULL, backslash escapes) into a buffer of
 * {@code chunkRows} rows that Connector/J streams to the server as the "file" of one statement.
 * Needs {@code allowLoadLocalInfile=true} on the connection and {@code local_infile} on the server.
 */
public final class LoadDataSink implements TableSink {
    private final Connection connection;
    private final String statement;
    private final int chunkRows;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
    private final StringBuilder line = new StringBuilder();
    private int pending;

    public LoadDataSink(Connection connection, String table, List<String> columns, int chunkRows) {
        this.connection = requireNonNull(connection, "connection is null");
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be positive");
        }
        this.statement = "LOAD DATA LOCAL INFILE 'strata-bench.tsv' INTO TABLE " + table
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ("
                + String.join(", ", columns) + ")";
        this.chunkRows = chunkRows;
    }

    @Override
    public void add(Object[] row) throws SQLException {
        line.setLength(0);
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            appendField(line, row[i]);
        }
        line.append('\n');
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        buffer.write(bytes, 0, bytes.length);
        if (++pending == chunkRows) {
            flush();
        }
    }

    /** One field in LOAD DATA's default text format. */
    static void appendField(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("\\N");
        } else if (v instanceof BigDecimal d) {
            sb.append(d.toPlainString());
        } else if (v instanceof Double d) {
            sb.append(BigDecimal.valueOf(d).toPlainString());
        } else if (v instanceof LocalDateTime t) {
            sb.append(Sql.DATETIME.format(t));
        } else if (v instanceof LocalDate || v instanceof Number) {
            sb.append(v);
        } else {
            String s = v.toString();
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                switch (ch) {
                    case '\t' -> sb.append("\\t");
                    case '\n' -> sb.append("\\n");
                    case '\\' -> sb.append("\\\\");
                    default -> sb.append(ch);
                }
            }
        }
    }

    private void flush() throws SQLException {
        if (pending == 0) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.unwrap(JdbcStatement.class).setLocalInfileInputStream(new ByteArrayInputStream(buffer.toByteArray()));
            long loaded = st.executeLargeUpdate(statement);
            if (loaded != pending) {
                throw new SQLException("LOAD DATA loaded " + loaded + " of " + pending + " rows");
            }
        }
        buffer.reset();
        pending = 0;
    }

    @Override
    public void close() throws SQLException {
        flush();
    }
}
