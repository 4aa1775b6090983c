package io.strata.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End-to-end through Connector/J against a real playground, as an application would use it. */
class ConnectorJTest {
    private static PlaygroundFixture fixture;

    @BeforeAll
    static void start() throws SQLException {
        fixture = new PlaygroundFixture("s3cret");
        try (Connection c = fixture.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE cj");
        }
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void cachingSha2FullAuthThenFastPathAndWrongPassword() throws SQLException {
        // The first login of a user goes through RSA key exchange (no TLS), later ones through the cache.
        for (int i = 0; i < 2; i++) {
            try (Connection c = fixture.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT CURRENT_USER()")) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).startsWith("root@"));
            }
        }
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(fixture.url(null, ""), "root", "wrong"));
        assertEquals(1045, e.getErrorCode());
        assertEquals("28000", e.getSQLState());
    }

    @Test
    void textAndBinaryProtocolsAgree() throws SQLException {
        for (String mode : List.of("", "useServerPrepStmts=true&cachePrepStmts=true")) {
            String table = mode.isEmpty() ? "types_text" : "types_bin";
            try (Connection c = fixture.connect("cj", mode)) {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY AUTO_INCREMENT, i INT, d DECIMAL(10,2),"
                            + " f DOUBLE, s VARCHAR(20), dt DATE, ts DATETIME, n INT NULL)");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                        + " (i, d, f, s, dt, ts, n) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                    ps.setInt(1, 42);
                    ps.setBigDecimal(2, new BigDecimal("12.34"));
                    ps.setDouble(3, 2.5);
                    ps.setString(4, "héllo");
                    ps.setDate(5, Date.valueOf("2024-02-29"));
                    ps.setTimestamp(6, Timestamp.valueOf("2024-02-29 13:14:15"));
                    ps.setNull(7, java.sql.Types.INTEGER);
                    assertEquals(1, ps.executeUpdate());
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        assertTrue(keys.next());
                        assertEquals(1, keys.getLong(1));
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT i, d, f, s, dt, ts, n FROM " + table + " WHERE id = ?")) {
                    ps.setLong(1, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(42, rs.getInt(1));
                        assertEquals(new BigDecimal("12.34"), rs.getBigDecimal(2));
                        assertEquals(2.5, rs.getDouble(3));
                        assertEquals("héllo", rs.getString(4));
                        assertEquals(Date.valueOf("2024-02-29"), rs.getDate(5));
                        assertEquals(Timestamp.valueOf("2024-02-29 13:14:15"), rs.getTimestamp(6));
                        rs.getInt(7);
                        assertTrue(rs.wasNull());
                        assertFalse(rs.next());
                    }
                }
            }
        }
    }

    @Test
    void fullRangeValuesThroughParametersAndBothProtocols() throws SQLException {
        BigInteger max = new BigInteger("18446744073709551615");
        LocalDateTime micros = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000);
        for (String mode : List.of("", "useServerPrepStmts=true&cachePrepStmts=true")) {
            String table = mode.isEmpty() ? "ranges_text" : "ranges_bin";
            try (Connection c = fixture.connect("cj", mode)) {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE " + table + " (id BIGINT UNSIGNED PRIMARY KEY, dt DATETIME(6), t TIME(6))");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
                    setUnsigned(ps, 1, max, mode);
                    ps.setObject(2, micros);
                    ps.setString(3, "-837:00:00.25");
                    assertEquals(1, ps.executeUpdate());
                    setUnsigned(ps, 1, BigInteger.ONE.shiftLeft(63), mode);
                    ps.setObject(2, micros.plusNanos(1000));
                    ps.setString(3, "100:00:00");
                    assertEquals(1, ps.executeUpdate());
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT id, dt, t, id - 1 FROM " + table + " WHERE id = ?")) {
                    setUnsigned(ps, 1, max, mode);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next(), mode);
                        assertEquals(max, rs.getObject(1), mode);
                        assertEquals(micros, rs.getObject(2, LocalDateTime.class), mode);
                        assertTrue(rs.getString(3).startsWith("-837:00:00.25"), rs.getString(3));
                        assertEquals(max.subtract(BigInteger.ONE), rs.getObject(4), mode);
                        assertFalse(rs.next());
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + table + " WHERE dt > ? ORDER BY id")) {
                    ps.setObject(1, micros);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next(), mode);
                        assertEquals(BigInteger.ONE.shiftLeft(63), rs.getObject(1), mode);
                        assertFalse(rs.next());
                    }
                }
            }
        }
    }

    /**
     * Connector/J binds a BigInteger of a server-prepared statement as a signed LONGLONG (2^64-1
     * arrives as -1, for MySQL too), so there it goes as text; client-side it is inlined.
     */
    private static void setUnsigned(PreparedStatement ps, int index, BigInteger v, String mode) throws SQLException {
        if (mode.isEmpty()) {
            ps.setObject(index, v);
        } else {
            ps.setString(index, v.toString());
        }
    }

    @Test
    void transactionsCommitAndRollback() throws SQLException {
        try (Connection c = fixture.connect("cj", "")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE acct (id INT PRIMARY KEY, bal INT NOT NULL)");
                st.execute("INSERT INTO acct VALUES (1, 100), (2, 100)");
            }
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE acct SET bal = bal - 30 WHERE id = 1");
                st.executeUpdate("UPDATE acct SET bal = bal + 30 WHERE id = 2");
            }
            c.rollback();
            assertEquals(List.of(100L, 100L), balances(c));
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE acct SET bal = bal - 30 WHERE id = 1");
                st.executeUpdate("UPDATE acct SET bal = bal + 30 WHERE id = 2");
            }
            c.commit();
            c.setAutoCommit(true);
        }
        try (Connection other = fixture.connect("cj", "")) {
            assertEquals(List.of(70L, 130L), balances(other));
        }
    }

    @Test
    void errorsCarryMysqlCodesAndTheConnectionSurvives() throws SQLException {
        try (Connection c = fixture.connect("cj", ""); Statement st = c.createStatement()) {
            assertEquals(1146, assertThrows(SQLException.class, () -> st.executeQuery("SELECT * FROM nope")).getErrorCode());
            assertEquals(1064, assertThrows(SQLException.class, () -> st.execute("SELEC 1")).getErrorCode());
            assertEquals(1049, assertThrows(SQLException.class, () -> st.execute("USE no_such_db")).getErrorCode());
            st.execute("CREATE TABLE dup (id INT PRIMARY KEY)");
            st.execute("INSERT INTO dup VALUES (1)");
            SQLException dup = assertThrows(SQLException.class, () -> st.execute("INSERT INTO dup VALUES (1)"));
            assertEquals(1062, dup.getErrorCode());
            assertEquals("23000", dup.getSQLState());
            assertEquals(1054, assertThrows(SQLException.class, () -> st.executeQuery("SELECT nope FROM dup")).getErrorCode());
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM dup")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getLong(1));
            }
        }
    }

    @Test
    void absurdlyNestedStatementIsRejectedAndTheServerCarriesOn() throws SQLException {
        String nested = "(".repeat(200_000) + "1" + ")".repeat(200_000);
        try (Connection c = fixture.connect("cj", "maxAllowedPacket=16777216"); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.execute("SELECT " + nested));
            assertTrue(e.getErrorCode() > 0 || e.getSQLState() != null, e.toString());
        }
        try (Connection c = fixture.connect("cj", ""); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
        }
    }

    @Test
    void databaseMetaDataIntrospects() throws SQLException {
        try (Connection c = fixture.connect("cj", "")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE meta_t (id INT PRIMARY KEY, name VARCHAR(30) NOT NULL, KEY idx_name (name))");
            }
            DatabaseMetaData md = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables("cj", null, "meta_t", null)) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertEquals(List.of("meta_t"), tables);
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = md.getColumns("cj", null, "meta_t", null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
                }
            }
            assertEquals(List.of("id:INT", "name:VARCHAR"), columns);
            try (ResultSet rs = md.getPrimaryKeys("cj", null, "meta_t")) {
                assertTrue(rs.next());
                assertEquals("id", rs.getString("COLUMN_NAME"));
            }
        }
    }

    @Test
    void sessionVariablesAndFunctions() throws SQLException {
        try (Connection c = fixture.connect("cj", ""); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT @@version_comment, DATABASE(), CONNECTION_ID() > 0, @@autocommit")) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).contains("Strata"));
                assertEquals("cj", rs.getString(2));
                assertEquals(1, rs.getInt(3));
                assertEquals(1, rs.getInt(4));
            }
            st.execute("SET @x = 41");
            try (ResultSet rs = st.executeQuery("SELECT @x + 1, IFNULL(NULL, 'a'), IF(1 > 2, 'y', 'n'), NULL + 1")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getLong(1));
                assertEquals("a", rs.getString(2));
                assertEquals("n", rs.getString(3));
                assertNull(rs.getObject(4));
            }
        }
    }

    private static List<Long> balances(Connection c) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT bal FROM cj.acct ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }
}
