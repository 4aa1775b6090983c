package io.strata.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection-level controls through Connector/J: COM_SET_OPTION and KILL [QUERY | CONNECTION]. */
class SessionControlTest {
    private static PlaygroundFixture fixture;

    @BeforeAll
    static void start() throws SQLException {
        fixture = new PlaygroundFixture();
        try (Connection c = fixture.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE sc");
            st.execute("CREATE TABLE sc.t (id INT PRIMARY KEY, v INT NOT NULL)");
            st.execute("INSERT INTO sc.t VALUES (1, 10), (2, 20)");
        }
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void multiQueriesWhenAskedAtLogin() throws SQLException {
        try (Connection c = fixture.connect("sc", "allowMultiQueries=true"); Statement st = c.createStatement()) {
            assertTrue(st.execute("SELECT 1; SELECT 2"));
            try (ResultSet rs = st.getResultSet()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
            assertTrue(st.getMoreResults());
            try (ResultSet rs = st.getResultSet()) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
            }
        }
    }

    /**
     * Without allowMultiQueries, Connector/J runs a rewritten batch of more than four statements by
     * switching multi-statements on with COM_SET_OPTION and off again afterwards.
     */
    @Test
    void setOptionTurnsMultiStatementsOnAndOff() throws SQLException {
        try (Connection c = fixture.connect("sc", "rewriteBatchedStatements=true"); Statement st = c.createStatement()) {
            SQLException off = assertThrows(SQLException.class, () -> st.execute("SELECT 1; SELECT 2"));
            assertEquals(1064, off.getErrorCode());
            for (int i = 0; i < 6; i++) {
                st.addBatch("UPDATE t SET v = v + 1 WHERE id = " + (1 + i % 2));
            }
            assertArrayEquals(new int[]{1, 1, 1, 1, 1, 1}, st.executeBatch());
            try (ResultSet rs = st.executeQuery("SELECT SUM(v) FROM t")) {
                assertTrue(rs.next());
                assertEquals(36, rs.getInt(1));
            }
            SQLException offAgain = assertThrows(SQLException.class, () -> st.execute("SELECT 1; SELECT 2"));
            assertEquals(1064, offAgain.getErrorCode(), "COM_SET_OPTION switched multi-statements off again");
            st.execute("UPDATE t SET v = v - 3 WHERE id IN (1, 2)");
        }
    }

    @Test
    void killQueryInterruptsTheStatementAndKillConnectionClosesTheSocket() throws Exception {
        try (Connection holder = fixture.connect("sc", ""); Connection victim = fixture.connect("sc", "");
             Connection killer = fixture.connect("sc", "")) {
            long victimId = connectionId(victim);
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.executeQuery("SELECT v FROM t WHERE id = 1 FOR UPDATE").close();
            }
            CompletableFuture<SQLException> blocked = CompletableFuture.supplyAsync(() -> assertThrows(SQLException.class, () -> {
                try (Statement st = victim.createStatement()) {
                    st.executeQuery("SELECT v FROM t WHERE id = 1 FOR UPDATE").close();
                }
            }));
            try (Statement st = killer.createStatement()) {
                while (!isRunning(st, victimId)) {
                    Thread.sleep(10);
                }
                st.execute("KILL QUERY " + victimId);
            }
            SQLException interrupted = blocked.get(60, TimeUnit.SECONDS);
            assertEquals(1317, interrupted.getErrorCode());
            assertEquals("70100", interrupted.getSQLState());
            assertEquals("Query execution was interrupted", interrupted.getMessage());
            holder.rollback();
            assertTrue(victim.isValid(5), "KILL QUERY keeps the connection");
            assertEquals(victimId, connectionId(victim));

            try (Statement st = killer.createStatement()) {
                SQLException unknown = assertThrows(SQLException.class, () -> st.execute("KILL 987654"));
                assertEquals(1094, unknown.getErrorCode());
                assertEquals("HY000", unknown.getSQLState());
                assertEquals("Unknown thread id: 987654", unknown.getMessage());
                st.execute("KILL CONNECTION " + victimId);
                while (isListed(st, victimId)) {
                    Thread.sleep(10);
                }
            }
            assertThrows(SQLException.class, () -> connectionId(victim), "the victim's socket is closed");
            assertFalse(victim.isValid(5));
        }
    }

    private static long connectionId(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    /** SHOW PROCESSLIST says the connection is inside a statement. */
    private static boolean isRunning(Statement st, long id) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW PROCESSLIST")) {
            while (rs.next()) {
                if (rs.getLong("Id") == id) {
                    return "Query".equals(rs.getString("Command"));
                }
            }
        }
        return false;
    }

    private static boolean isListed(Statement st, long id) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW PROCESSLIST")) {
            while (rs.next()) {
                if (rs.getLong("Id") == id) {
                    return true;
                }
            }
        }
        return false;
    }
}
