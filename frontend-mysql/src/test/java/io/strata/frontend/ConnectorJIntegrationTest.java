package io.strata.frontend;

import io.strata.frontend.auth.AuthPlugin;
import io.strata.spi.session.SessionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End-to-end through Connector/J against the fake engine: auth, text and binary protocol, errors. */
class ConnectorJIntegrationTest {
    private FakeQueryEngine engine;
    private MySqlServer server;
    private int port;

    @BeforeEach
    void start() {
        engine = new FakeQueryEngine().withAccount("root", "").withAccount("alice", "s3cret");
        server = new MySqlServer(engine, TestKeys.config().withThreads(1, 4));
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Connection connect(String user, String password, String extra) throws SQLException {
        String url = "jdbc:mysql://127.0.0.1:" + port + "/?useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=10000&socketTimeout=60000" + extra;
        return DriverManager.getConnection(url, user, password);
    }

    @Test
    void textProtocolTypes() throws SQLException {
        try (Connection c = connect("root", "", ""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM types")) {
            assertTrue(rs.next());
            assertRow(rs);
            assertFalse(rs.next());
        }
    }

    @Test
    void binaryProtocolTypes() throws SQLException {
        try (Connection c = connect("root", "", "&useServerPrepStmts=true");
             PreparedStatement ps = c.prepareStatement("SELECT * FROM types WHERE id = ?")) {
            ps.setLong(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertRow(rs);
                assertFalse(rs.next());
            }
        }
    }

    private static void assertRow(ResultSet rs) throws SQLException {
        assertEquals(1L, rs.getLong("id"));
        assertEquals(-7, rs.getInt("tiny"));
        assertEquals(-300, rs.getInt("small"));
        assertEquals(70000, rs.getInt("medium"));
        assertEquals(-2_000_000_000, rs.getInt("int"));
        assertEquals(new BigInteger("18446744073709551615"), rs.getObject("ubig", BigInteger.class));
        assertEquals("18446744073709551615", rs.getString("ubig"));
        assertEquals(0.1d, rs.getDouble("dbl"));
        assertEquals("0.1", rs.getString("dbl"));
        assertEquals(1.5f, rs.getFloat("flt"));
        assertEquals(new BigDecimal("12.34"), rs.getBigDecimal("dec"));
        assertEquals("héllo wörld", rs.getString("str"));
        assertArrayEquals(FakeQueryEngine.BLOB, rs.getBytes("blb"));
        assertEquals(FakeQueryEngine.DATETIME, rs.getObject("dt", LocalDateTime.class));
        assertEquals("2024-01-05 10:20:30.123456", rs.getString("dt"));
        assertEquals(FakeQueryEngine.DATETIME.withNano(0), rs.getObject("ts", LocalDateTime.class));
        assertEquals(LocalDate.of(2024, 1, 5), rs.getObject("d", LocalDate.class));
        assertEquals(LocalTime.of(10, 20, 30), rs.getObject("t", LocalTime.class));
        assertEquals(2024, rs.getInt("yr"));
        assertNull(rs.getString("nul"));
        assertTrue(rs.wasNull());
    }

    @Test
    void cursorFetchRequestIsServedWithoutCursor() throws SQLException {
        try (Connection c = connect("root", "", "&useServerPrepStmts=true&useCursorFetch=true");
             PreparedStatement ps = c.prepareStatement("SELECT * FROM types WHERE id = ?")) {
            ps.setFetchSize(10);
            ps.setLong(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertRow(rs);
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void preparedParametersOfEveryType() throws SQLException {
        try (Connection c = connect("root", "", "&useServerPrepStmts=true&cachePrepStmts=true");
             PreparedStatement ps = c.prepareStatement("SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?")) {
            for (int round = 0; round < 2; round++) {
                // The second execution lets Connector/J skip re-sending the parameter types.
                ps.setInt(1, -5 - round);
                ps.setLong(2, Long.MIN_VALUE + round);
                ps.setDouble(3, 1e20);
                ps.setFloat(4, 2.5f);
                ps.setBigDecimal(5, new BigDecimal("-123.4500"));
                ps.setString(6, "ünïcode " + round);
                ps.setBytes(7, new byte[]{1, 0, (byte) 0xfe});
                ps.setObject(8, LocalDate.of(1999, 12, 31));
                ps.setObject(9, LocalDateTime.of(2020, 2, 29, 23, 59, 58, 999_999_000));
                ps.setObject(10, LocalTime.of(1, 2, 3));
                ps.setNull(11, Types.VARCHAR);
                ps.setShort(12, (short) 300);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(-5 - round, rs.getInt(1));
                    assertEquals(Long.MIN_VALUE + round, rs.getLong(2));
                    assertEquals(1e20, rs.getDouble(3));
                    assertEquals(2.5f, rs.getFloat(4));
                    assertEquals(new BigDecimal("-123.4500"), rs.getBigDecimal(5));
                    assertEquals("ünïcode " + round, rs.getString(6));
                    assertArrayEquals(new byte[]{1, 0, (byte) 0xfe}, rs.getBytes(7), () -> java.util.Arrays.toString(rs_bytes(rs)));
                    assertEquals(LocalDate.of(1999, 12, 31), rs.getObject(8, LocalDate.class));
                    assertEquals(LocalDateTime.of(2020, 2, 29, 23, 59, 58, 999_999_000), rs.getObject(9, LocalDateTime.class));
                    assertEquals(LocalTime.of(1, 2, 3), rs.getObject(10, LocalTime.class));
                    assertNull(rs.getObject(11));
                    assertEquals(300, rs.getInt(12));
                }
            }
        }
    }

    private static byte[] rs_bytes(ResultSet rs) {
        try {
            return rs.getBytes(7);
        } catch (SQLException e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void longDataParameter() throws SQLException {
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        try (Connection c = connect("root", "", "&useServerPrepStmts=true");
             PreparedStatement ps = c.prepareStatement("SELECT ?, ?")) {
            ps.setBinaryStream(1, new ByteArrayInputStream(data), data.length);
            ps.setInt(2, 9);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertArrayEquals(data, rs.getBytes(1));
                assertEquals(9, rs.getInt(2));
            }
        }
    }

    @Test
    void updateCountsAndGeneratedKeys() throws SQLException {
        try (Connection c = connect("root", "", ""); Statement s = c.createStatement()) {
            assertEquals(3, s.executeUpdate("INSERT INTO t VALUES (1), (2), (3)", Statement.RETURN_GENERATED_KEYS));
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertTrue(keys.next());
                assertEquals(42, keys.getLong(1));
            }
        }
    }

    @Test
    void multiStatementsStreamEveryResult() throws SQLException {
        try (Connection c = connect("root", "", "&allowMultiQueries=true"); Statement s = c.createStatement()) {
            assertTrue(s.execute("SELECT 1; INSERT INTO t VALUES (1); SELECT 2"));
            try (ResultSet rs = s.getResultSet()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
            assertFalse(s.getMoreResults());
            assertEquals(3, s.getUpdateCount());
            assertTrue(s.getMoreResults());
            try (ResultSet rs = s.getResultSet()) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
            }
            assertFalse(s.getMoreResults());
            assertEquals(-1, s.getUpdateCount());
        }
        assertTrue(engine.openedSessions().stream().anyMatch(SessionInfo::multiStatements));
    }

    @Test
    void errorsAreMappedAndConnectionSurvives() throws SQLException {
        try (Connection c = connect("root", "", ""); Statement s = c.createStatement()) {
            SQLException missing = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM missing"));
            assertEquals(1146, missing.getErrorCode());
            assertEquals("42S02", missing.getSQLState());
            assertEquals("Table 'test.missing' doesn't exist", missing.getMessage());
            SQLException boom = assertThrows(SQLException.class, () -> s.execute("boom"));
            assertEquals(1105, boom.getErrorCode());
            assertEquals("HY000", boom.getSQLState());
            assertEquals("boom", boom.getMessage());
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
            }
            assertTrue(c.isValid(5));
        }
    }

    @Test
    void cachingSha2FullAuthenticationThenFastPath() throws SQLException {
        // Not yet cached: full authentication needs the RSA key, which the client may not fetch.
        SQLException noKey = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:" + port + "/?useSSL=false&allowPublicKeyRetrieval=false", "alice", "s3cret"));
        assertTrue(noKey.getMessage().contains("Public Key Retrieval"), noKey.getMessage());
        try (Connection c = connect("alice", "s3cret", "")) {
            assertTrue(c.isValid(5));
        }
        // Cached now: the SHA256 scramble suffices, no key needed.
        try (Connection c = DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:" + port + "/?useSSL=false&allowPublicKeyRetrieval=false", "alice", "s3cret")) {
            assertTrue(c.isValid(5));
        }
    }

    @Test
    void wrongPasswordIsAccessDenied() {
        SQLException e = assertThrows(SQLException.class, () -> connect("alice", "wrong", ""));
        assertEquals(1045, e.getErrorCode());
        assertEquals("28000", e.getSQLState());
        assertEquals("Access denied for user 'alice'@'127.0.0.1' (using password: YES)", e.getMessage());
        SQLException unknown = assertThrows(SQLException.class, () -> connect("nobody", "", ""));
        assertEquals("Access denied for user 'nobody'@'127.0.0.1' (using password: NO)", unknown.getMessage());
    }

    @Test
    void nativePasswordServer() throws SQLException {
        try (MySqlServer nativeServer = new MySqlServer(engine, TestKeys.config()
                .withAuthPlugin(AuthPlugin.MYSQL_NATIVE_PASSWORD).withThreads(1, 2))) {
            int nativePort = nativeServer.start();
            try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + nativePort + "/test?useSSL=false", "alice", "s3cret");
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
                assertTrue(rs.next());
                assertEquals("test", rs.getString(1));
            }
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                    "jdbc:mysql://127.0.0.1:" + nativePort + "/?useSSL=false", "alice", "nope"));
            assertEquals(1045, e.getErrorCode());
        }
    }

    @Test
    void changeUser() throws SQLException {
        try (Connection c = connect("root", "", "")) {
            c.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).changeUser("alice", "s3cret");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
            }
            SessionInfo last = engine.openedSessions().get(engine.openedSessions().size() - 1);
            assertEquals("alice", last.user());
            assertTrue(engine.closedSessions() >= 1, "the root session was closed");
            SQLException denied = assertThrows(SQLException.class,
                    () -> c.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).changeUser("alice", "wrong"));
            assertEquals(1045, denied.getErrorCode());
        }
    }

    @Test
    void unknownDatabaseIsRefused() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:" + port + "/nosuchdb?useSSL=false&allowPublicKeyRetrieval=true", "root", ""));
        assertEquals(1049, e.getErrorCode());
        assertEquals("Unknown database 'nosuchdb'", e.getMessage());
    }

    @Test
    void largeValuesAreSplitAcrossPackets() throws SQLException {
        int size = 17 * 1024 * 1024 + 5;
        try (Connection c = connect("root", "", ""); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT blob " + size)) {
                assertTrue(rs.next());
                byte[] value = rs.getBytes(1);
                assertEquals(size, value.length);
                assertEquals('a' + (size - 1) % 26, value[size - 1]);
            }
            String literal = "y".repeat(size);
            try (ResultSet rs = s.executeQuery("SELECT LENGTH('" + literal + "')")) {
                assertTrue(rs.next());
                assertEquals(size, rs.getLong(1));
            }
        }
    }

    @Test
    void connectionSetupReachesSession() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port
                + "/test?useSSL=false&allowPublicKeyRetrieval=true&useAffectedRows=false", "root", "")) {
            assertTrue(c.isValid(5));
        }
        SessionInfo info = engine.openedSessions().get(engine.openedSessions().size() - 1);
        assertEquals("root", info.user());
        assertEquals("test", info.database());
        assertTrue(info.foundRows(), "Connector/J sets CLIENT_FOUND_ROWS unless useAffectedRows=true");
        assertTrue(info.host().startsWith("127.0.0.1:"));
    }

    @Test
    void streamingResult() throws SQLException {
        try (Connection c = connect("root", "", ""); Statement s = c.createStatement()) {
            s.setFetchSize(Integer.MIN_VALUE);
            long count = 0;
            try (ResultSet rs = s.executeQuery("SELECT * FROM big 20000 100")) {
                while (rs.next()) {
                    assertEquals(count, rs.getLong(1));
                    count++;
                }
            }
            assertEquals(20000, count);
        }
    }
}
