package io.strata.frontend;

import io.strata.spi.ErrorCode;
import io.strata.spi.session.ClientConnection;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.MysqlType;
import io.strata.spi.session.PreparedInfo;
import io.strata.spi.session.QueryEngine;
import io.strata.spi.session.QueryResult;
import io.strata.spi.session.SessionInfo;
import io.strata.spi.session.SqlSession;
import io.strata.spi.session.StatementResult;
import io.strata.spi.session.UpdateResult;
import io.strata.spi.session.UserAccount;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TEST DOUBLE: a fake {@link QueryEngine} that understands a handful of fixed statements by
 * string matching, so the protocol layer can be exercised end to end without the SQL layer. It
 * is not a SQL engine and must never be used as one.
 *
 * <p>Statements it knows (case-insensitive):
 * <ul>
 *   <li>{@code SELECT @@a AS x, @@b ...} (Connector/J's connect query) and {@code select @@version_comment limit 1};</li>
 *   <li>{@code SET ...}, {@code USE db} → OK; {@code SELECT 1}; {@code SELECT CONNECTION_ID()}; {@code SELECT DATABASE()};</li>
 *   <li>{@code SELECT * FROM types} → one row holding a value of every protocol type;</li>
 *   <li>{@code SELECT * FROM big N W} → N generated rows of a W-byte string, pulled lazily and counted;</li>
 *   <li>{@code SELECT blob N} → one row with an N-byte value; {@code SELECT LENGTH('...')} → the literal's length;</li>
 *   <li>{@code INSERT ...} → 3 rows affected, last insert id 42; {@code SELECT * FROM missing} → 1146;
 *       {@code boom} → an unexpected IllegalStateException;</li>
 *   <li>prepared: {@code SELECT ?, ?, ...} echoes its parameters, {@code SELECT * FROM types WHERE id = ?};</li>
 *   <li>{@code LOAD DATA LOCAL INFILE 'name'} → asks the client for the file and answers with its size as
 *       affected rows; {@code LOAD DATA LOCAL INFILE 'fail'} reads one byte, then fails with 1317.</li>
 * </ul>
 * With multi-statements the text is split at ';' (no quoting rules: a test double).
 */
public final class FakeQueryEngine implements QueryEngine {
    public static final String VERSION = "8.0.36-strata-test";
    public static final LocalDateTime DATETIME = LocalDateTime.of(2024, 1, 5, 10, 20, 30, 123_456_000);
    public static final byte[] BLOB = {0, 1, 2, (byte) 0xff, 'a'};

    private final Map<String, UserAccount> accounts = new ConcurrentHashMap<>();
    private final Map<Long, FakeSession> sessions = new ConcurrentHashMap<>();
    private final List<SessionInfo> opened = new CopyOnWriteArrayList<>();
    private final AtomicLong rowsPulled = new AtomicLong();
    private final AtomicInteger closedSessions = new AtomicInteger();
    private final AtomicInteger closedResults = new AtomicInteger();
    private final List<Long> kills = new CopyOnWriteArrayList<>();
    private volatile long maxAllowedPacket = 64L * 1024 * 1024;

    /** max_allowed_packet the sessions report. */
    public FakeQueryEngine withMaxAllowedPacket(long bytes) {
        this.maxAllowedPacket = bytes;
        return this;
    }

    public FakeQueryEngine withAccount(String user, String password) {
        accounts.put(user, UserAccount.withPassword(user, "%", password));
        return this;
    }

    @Override
    public Optional<UserAccount> findAccount(String user, String host) {
        return Optional.ofNullable(accounts.get(user));
    }

    @Override
    public SqlSession openSession(SessionInfo info, ClientConnection connection) {
        if (info.database() != null && !List.of("test", "mysql").contains(info.database())) {
            throw ErrorCode.BAD_DB_ERROR.error(info.database());
        }
        FakeSession session = new FakeSession(info, connection);
        sessions.put(info.connectionId(), session);
        opened.add(info);
        return session;
    }

    @Override
    public String serverVersion() {
        return VERSION;
    }

    public List<SessionInfo> openedSessions() {
        return List.copyOf(opened);
    }

    public long rowsPulled() {
        return rowsPulled.get();
    }

    public int closedSessions() {
        return closedSessions.get();
    }

    /** Streaming ({@code big}) results closed so far. */
    public int closedResults() {
        return closedResults.get();
    }

    public List<Long> kills() {
        return List.copyOf(kills);
    }

    static ColumnMeta column(String name, MysqlType type, int decimals, int flags, int charset) {
        return new ColumnMeta("test", "types", "types", name, name, type, 255, decimals, flags, charset);
    }

    static final List<ColumnMeta> TYPES_COLUMNS = List.of(
            column("id", MysqlType.LONGLONG, 0, ColumnMeta.NOT_NULL_FLAG | ColumnMeta.PRI_KEY_FLAG, ColumnMeta.CHARSET_BINARY),
            column("tiny", MysqlType.TINY, 0, 0, ColumnMeta.CHARSET_BINARY),
            column("small", MysqlType.SHORT, 0, 0, ColumnMeta.CHARSET_BINARY),
            column("medium", MysqlType.INT24, 0, 0, ColumnMeta.CHARSET_BINARY),
            column("int", MysqlType.LONG, 0, 0, ColumnMeta.CHARSET_BINARY),
            column("ubig", MysqlType.LONGLONG, 0, ColumnMeta.UNSIGNED_FLAG, ColumnMeta.CHARSET_BINARY),
            column("dbl", MysqlType.DOUBLE, 31, 0, ColumnMeta.CHARSET_BINARY),
            column("flt", MysqlType.FLOAT, 31, 0, ColumnMeta.CHARSET_BINARY),
            column("dec", MysqlType.NEWDECIMAL, 2, 0, ColumnMeta.CHARSET_BINARY),
            column("str", MysqlType.VAR_STRING, 0, 0, ColumnMeta.CHARSET_UTF8MB4),
            column("blb", MysqlType.BLOB, 0, ColumnMeta.BLOB_FLAG | ColumnMeta.BINARY_FLAG, ColumnMeta.CHARSET_BINARY),
            column("dt", MysqlType.DATETIME, 6, 0, ColumnMeta.CHARSET_BINARY),
            column("ts", MysqlType.TIMESTAMP, 0, 0, ColumnMeta.CHARSET_BINARY),
            column("d", MysqlType.DATE, 0, 0, ColumnMeta.CHARSET_BINARY),
            column("t", MysqlType.TIME, 0, 0, ColumnMeta.CHARSET_BINARY),
            column("yr", MysqlType.YEAR, 0, ColumnMeta.UNSIGNED_FLAG, ColumnMeta.CHARSET_BINARY),
            column("nul", MysqlType.VAR_STRING, 0, 0, ColumnMeta.CHARSET_UTF8MB4));

    static Object[] typesRow() {
        return new Object[]{1L, -7L, -300L, 70000L, -2_000_000_000L, new BigInteger("18446744073709551615"), 0.1d, 1.5f,
                new BigDecimal("12.34"), "héllo wörld", BLOB.clone(), DATETIME, DATETIME.withNano(0), LocalDate.of(2024, 1, 5),
                LocalTime.of(10, 20, 30), 2024L, null};
    }

    private static final Pattern VARIABLE = Pattern.compile("@@(?:session\\.)?(\\w+)(?:\\s+AS\\s+(\\w+))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern BIG = Pattern.compile("SELECT \\* FROM big (\\d+) (\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BLOB_OF = Pattern.compile("SELECT blob (\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Map<String, Object> VARIABLES = Map.ofEntries(
            Map.entry("auto_increment_increment", 1L), Map.entry("character_set_client", "utf8mb4"),
            Map.entry("character_set_connection", "utf8mb4"), Map.entry("character_set_results", "utf8mb4"),
            Map.entry("character_set_server", "utf8mb4"), Map.entry("collation_server", "utf8mb4_0900_ai_ci"),
            Map.entry("collation_connection", "utf8mb4_0900_ai_ci"), Map.entry("init_connect", ""),
            Map.entry("interactive_timeout", 28800L), Map.entry("license", "GPL"), Map.entry("lower_case_table_names", 0L),
            Map.entry("max_allowed_packet", 67108864L), Map.entry("net_write_timeout", 60L), Map.entry("performance_schema", 0L),
            Map.entry("sql_mode", "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES"), Map.entry("system_time_zone", "UTC"),
            Map.entry("time_zone", "SYSTEM"), Map.entry("transaction_isolation", "REPEATABLE-READ"),
            Map.entry("tx_isolation", "REPEATABLE-READ"), Map.entry("wait_timeout", 28800L),
            Map.entry("version_comment", "Strata test double"), Map.entry("query_cache_size", 0L),
            Map.entry("query_cache_type", "OFF"), Map.entry("net_buffer_length", 16384L));

    final class FakeSession implements SqlSession {
        private final SessionInfo info;
        private final ClientConnection connection;
        private final Map<Integer, String> statements = new HashMap<>();
        private int nextStatementId = 1;
        private String database;
        private volatile boolean cancelled;
        private boolean multiStatements;

        FakeSession(SessionInfo info, ClientConnection connection) {
            this.info = info;
            this.connection = connection;
            this.database = info.database();
            this.multiStatements = info.multiStatements();
        }

        @Override
        public void setMultiStatements(boolean enabled) {
            multiStatements = enabled;
        }

        @Override
        public boolean multiStatements() {
            return multiStatements;
        }

        @Override
        public SessionInfo info() {
            return info;
        }

        @Override
        public void execute(String sql, ResultSink sink) {
            List<String> parts = new ArrayList<>();
            for (String part : sql.split(";")) {
                if (!part.isBlank()) {
                    parts.add(part.trim());
                }
            }
            if (parts.size() > 1 && !multiStatements) {
                throw ErrorCode.PARSE_ERROR.error(parts.get(1), 1);
            }
            if (parts.isEmpty()) {
                throw ErrorCode.EMPTY_QUERY.error();
            }
            for (int i = 0; i < parts.size(); i++) {
                sink.accept(run(parts.get(i)), i < parts.size() - 1);
            }
        }

        private StatementResult run(String sql) {
            cancelled = false;
            String lower = sql.toLowerCase(Locale.ROOT);
            if (lower.startsWith("/*")) {
                lower = lower.substring(lower.indexOf("*/") + 2).trim();
            }
            if (lower.startsWith("set ")) {
                return UpdateResult.OK;
            }
            if (lower.startsWith("use ")) {
                useDatabase(sql.substring(sql.toLowerCase(Locale.ROOT).indexOf("use ") + 4).replace("`", "").trim());
                return UpdateResult.OK;
            }
            if (lower.startsWith("insert")) {
                return new UpdateResult(3, 42, "Records: 3  Duplicates: 0  Warnings: 0");
            }
            if (lower.startsWith("load data local infile '")) {
                return loadLocal(sql.substring(sql.indexOf('\'') + 1, sql.lastIndexOf('\'')));
            }
            if (lower.equals("boom")) {
                throw new IllegalStateException("boom");
            }
            if (lower.startsWith("select") && lower.contains("@@")) {
                return variables(sql);
            }
            if (lower.equals("select 1")) {
                return single("1", MysqlType.LONGLONG, 1L);
            }
            if (lower.equals("select 2")) {
                return single("2", MysqlType.LONGLONG, 2L);
            }
            if (lower.equals("select connection_id()")) {
                return single("CONNECTION_ID()", MysqlType.LONGLONG, info.connectionId());
            }
            if (lower.equals("select database()")) {
                return single("DATABASE()", MysqlType.VAR_STRING, database);
            }
            if (lower.equals("select * from types")) {
                return QueryResult.of(TYPES_COLUMNS, List.<Object[]>of(typesRow()));
            }
            if (lower.equals("select * from missing")) {
                throw ErrorCode.NO_SUCH_TABLE.error(database == null ? "test" : database, "missing");
            }
            if (lower.startsWith("select length('")) {
                int start = sql.indexOf('\'') + 1;
                int end = sql.lastIndexOf('\'');
                return single("LENGTH", MysqlType.LONGLONG, (long) (end - start));
            }
            Matcher blob = BLOB_OF.matcher(sql);
            if (blob.matches()) {
                byte[] value = new byte[Integer.parseInt(blob.group(1))];
                for (int i = 0; i < value.length; i++) {
                    value[i] = (byte) ('a' + i % 26);
                }
                return single("blob", MysqlType.LONG_BLOB, value);
            }
            Matcher big = BIG.matcher(sql);
            if (big.matches()) {
                return bigResult(Long.parseLong(big.group(1)), Integer.parseInt(big.group(2)));
            }
            throw ErrorCode.PARSE_ERROR.error(sql, 1);
        }

        private UpdateResult loadLocal(String fileName) {
            try (java.io.InputStream in = connection.requestLocalFile(fileName)) {
                if (fileName.equals("fail")) {
                    in.read();
                    throw ErrorCode.QUERY_INTERRUPTED.error();
                }
                long size = in.transferTo(java.io.OutputStream.nullOutputStream());
                return new UpdateResult(size, 0, "Records: " + size + "  Deleted: 0  Skipped: 0  Warnings: 0");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private QueryResult single(String name, MysqlType type, Object value) {
            int charset = value instanceof String ? ColumnMeta.CHARSET_UTF8MB4 : ColumnMeta.CHARSET_BINARY;
            return QueryResult.of(List.of(ColumnMeta.expression(name, type, 20, 0, 0, charset)), List.<Object[]>of(new Object[]{value}));
        }

        private QueryResult variables(String sql) {
            List<ColumnMeta> columns = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            Matcher m = VARIABLE.matcher(sql);
            while (m.find()) {
                String name = m.group(1).toLowerCase(Locale.ROOT);
                String label = m.group(2) != null ? m.group(2) : "@@" + m.group(1);
                Object value = VARIABLES.get(name);
                boolean number = value instanceof Long;
                columns.add(ColumnMeta.expression(label, number ? MysqlType.LONGLONG : MysqlType.VAR_STRING, 64, 0, 0,
                        number ? ColumnMeta.CHARSET_BINARY : ColumnMeta.CHARSET_UTF8MB4));
                values.add(value);
            }
            return QueryResult.of(columns, List.<Object[]>of(values.toArray()));
        }

        private QueryResult bigResult(long count, int width) {
            String filler = "x".repeat(width);
            List<ColumnMeta> columns = List.of(ColumnMeta.expression("n", MysqlType.LONGLONG, 20, 0, 0, ColumnMeta.CHARSET_BINARY),
                    ColumnMeta.expression("s", MysqlType.VAR_STRING, width, 0, 0, ColumnMeta.CHARSET_UTF8MB4));
            return new QueryResult() {
                @Override
                public List<ColumnMeta> columns() {
                    return columns;
                }

                @Override
                public Iterator<Object[]> rows() {
                    return new Iterator<>() {
                        long next;

                        @Override
                        public boolean hasNext() {
                            if (cancelled) {
                                throw ErrorCode.QUERY_INTERRUPTED.error();
                            }
                            return next < count;
                        }

                        @Override
                        public Object[] next() {
                            if (!hasNext()) {
                                throw new NoSuchElementException();
                            }
                            rowsPulled.incrementAndGet();
                            return new Object[]{next++, filler};
                        }
                    };
                }

                @Override
                public void close() {
                    closedResults.incrementAndGet();
                }
            };
        }

        @Override
        public PreparedInfo prepare(String sql) {
            int params = (int) sql.chars().filter(c -> c == '?').count();
            List<ColumnMeta> parameters = new ArrayList<>();
            for (int i = 0; i < params; i++) {
                parameters.add(ColumnMeta.expression("?", MysqlType.VAR_STRING, 0, 0, 0, ColumnMeta.CHARSET_BINARY));
            }
            String lower = sql.toLowerCase(Locale.ROOT).trim();
            List<ColumnMeta> columns = List.of();
            if (lower.startsWith("select * from types")) {
                columns = TYPES_COLUMNS;
            } else if (!lower.startsWith("select ?") && !lower.startsWith("insert")) {
                throw ErrorCode.PARSE_ERROR.error(sql, 1);
            }
            int id = nextStatementId++;
            statements.put(id, sql);
            return new PreparedInfo(id, parameters, columns);
        }

        @Override
        public StatementResult executePrepared(int statementId, Object[] params) {
            String sql = statements.get(statementId);
            if (sql == null) {
                throw ErrorCode.UNKNOWN_STMT_HANDLER.error(statementId, "mysqld_stmt_execute");
            }
            String lower = sql.toLowerCase(Locale.ROOT).trim();
            if (lower.startsWith("insert")) {
                return new UpdateResult(1, 7, "");
            }
            if (lower.startsWith("select * from types")) {
                return QueryResult.of(TYPES_COLUMNS, List.<Object[]>of(typesRow()));
            }
            List<ColumnMeta> columns = new ArrayList<>();
            for (int i = 0; i < params.length; i++) {
                columns.add(echoColumn("p" + i, params[i]));
            }
            return QueryResult.of(columns, List.<Object[]>of(params.clone()));
        }

        private ColumnMeta echoColumn(String name, Object value) {
            if (value == null) {
                return ColumnMeta.expression(name, MysqlType.NULL, 0, 0, 0, ColumnMeta.CHARSET_BINARY);
            }
            if (value instanceof Long) {
                return ColumnMeta.expression(name, MysqlType.LONGLONG, 20, 0, 0, ColumnMeta.CHARSET_BINARY);
            }
            if (value instanceof BigInteger) {
                return ColumnMeta.expression(name, MysqlType.LONGLONG, 20, 0, ColumnMeta.UNSIGNED_FLAG, ColumnMeta.CHARSET_BINARY);
            }
            if (value instanceof Double) {
                return ColumnMeta.expression(name, MysqlType.DOUBLE, 22, 31, 0, ColumnMeta.CHARSET_BINARY);
            }
            if (value instanceof Float) {
                return ColumnMeta.expression(name, MysqlType.FLOAT, 12, 31, 0, ColumnMeta.CHARSET_BINARY);
            }
            if (value instanceof BigDecimal d) {
                return ColumnMeta.expression(name, MysqlType.NEWDECIMAL, 65, Math.max(0, d.scale()), 0, ColumnMeta.CHARSET_BINARY);
            }
            if (value instanceof LocalDateTime) {
                return ColumnMeta.expression(name, MysqlType.DATETIME, 26, 6, 0, ColumnMeta.CHARSET_BINARY);
            }
            if (value instanceof LocalDate) {
                return ColumnMeta.expression(name, MysqlType.DATE, 10, 0, 0, ColumnMeta.CHARSET_BINARY);
            }
            if (value instanceof LocalTime) {
                return ColumnMeta.expression(name, MysqlType.TIME, 15, 6, 0, ColumnMeta.CHARSET_BINARY);
            }
            if (value instanceof byte[]) {
                return ColumnMeta.expression(name, MysqlType.BLOB, 65535, 0, ColumnMeta.BINARY_FLAG | ColumnMeta.BLOB_FLAG, ColumnMeta.CHARSET_BINARY);
            }
            return ColumnMeta.expression(name, MysqlType.VAR_STRING, 255, 0, 0, ColumnMeta.CHARSET_UTF8MB4);
        }

        @Override
        public void closePrepared(int statementId) {
            statements.remove(statementId);
        }

        @Override
        public void useDatabase(String db) {
            if (!List.of("test", "mysql").contains(db)) {
                throw ErrorCode.BAD_DB_ERROR.error(db);
            }
            this.database = db;
        }

        @Override
        public List<ColumnMeta> fieldList(String table, String wildcard) {
            if (!table.equals("types")) {
                throw ErrorCode.NO_SUCH_TABLE.error(database, table);
            }
            return TYPES_COLUMNS;
        }

        @Override
        public void reset() {
            statements.clear();
        }

        @Override
        public int statusFlags() {
            return STATUS_AUTOCOMMIT;
        }

        @Override
        public int warningCount() {
            return 0;
        }

        @Override
        public long maxAllowedPacket() {
            return maxAllowedPacket;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public void kill(long connectionId, boolean queryOnly) {
            kills.add(connectionId);
            FakeSession target = sessions.get(connectionId);
            if (target == null) {
                throw ErrorCode.NO_SUCH_THREAD.error(connectionId);
            }
            target.cancel();
            if (!queryOnly) {
                target.connection.disconnect();
            }
        }

        @Override
        public void close() {
            sessions.remove(info.connectionId());
            closedSessions.incrementAndGet();
        }

        String database() {
            return database;
        }
    }
}
