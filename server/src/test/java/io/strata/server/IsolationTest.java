package io.strata.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Isolation between sessions, seen from clients: snapshots, conflicts, FOR UPDATE, multi-statements. */
class IsolationTest {
    private static PlaygroundFixture fixture;

    @BeforeAll
    static void start() throws SQLException {
        fixture = new PlaygroundFixture();
        try (Connection c = fixture.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE iso");
        }
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    @Test
    void repeatableReadKeepsItsSnapshotAndReadCommittedDoesNot() throws SQLException {
        try (Connection a = fixture.connect("iso", ""); Connection b = fixture.connect("iso", "")) {
            try (Statement st = a.createStatement()) {
                st.execute("CREATE TABLE snap (id INT PRIMARY KEY, v INT)");
                st.execute("INSERT INTO snap VALUES (1, 1)");
            }
            a.setAutoCommit(false);
            assertEquals(1, scalar(a, "SELECT v FROM snap WHERE id = 1"));
            try (Statement st = b.createStatement()) {
                st.executeUpdate("UPDATE snap SET v = 2 WHERE id = 1");
            }
            assertEquals(1, scalar(a, "SELECT v FROM snap WHERE id = 1"), "repeatable read sees its snapshot");
            assertEquals(1, scalar(a, "SELECT COUNT(*) FROM snap WHERE v = 1"));
            a.commit();
            assertEquals(2, scalar(a, "SELECT v FROM snap WHERE id = 1"));

            a.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            assertEquals(2, scalar(a, "SELECT v FROM snap WHERE id = 1"));
            try (Statement st = b.createStatement()) {
                st.executeUpdate("UPDATE snap SET v = 3 WHERE id = 1");
            }
            assertEquals(3, scalar(a, "SELECT v FROM snap WHERE id = 1"), "read committed sees the new commit");
            a.commit();
        }
    }

    @Test
    void writeWriteConflictAbortsTheLaterCommitter() throws SQLException {
        try (Connection a = fixture.connect("iso", ""); Connection b = fixture.connect("iso", "")) {
            try (Statement st = a.createStatement()) {
                st.execute("CREATE TABLE ww (id INT PRIMARY KEY, v INT)");
                st.execute("INSERT INTO ww VALUES (1, 0)");
            }
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            scalar(a, "SELECT v FROM ww WHERE id = 1");
            scalar(b, "SELECT v FROM ww WHERE id = 1");
            try (Statement st = a.createStatement()) {
                st.executeUpdate("UPDATE ww SET v = v + 1 WHERE id = 1");
            }
            try (Statement st = b.createStatement()) {
                st.executeUpdate("UPDATE ww SET v = v + 10 WHERE id = 1");
            }
            a.commit();
            SQLException e = assertThrows(SQLException.class, b::commit);
            assertEquals(1213, e.getErrorCode());
            assertEquals("40001", e.getSQLState());
            b.rollback();
            a.setAutoCommit(true);
            assertEquals(1, scalar(a, "SELECT v FROM ww WHERE id = 1"), "no lost update");
        }
    }

    @Test
    void concurrentAutocommitIncrementsLoseNothing() throws Exception {
        try (Connection c = fixture.connect("iso", ""); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE counter (id INT PRIMARY KEY, n INT)");
            st.execute("INSERT INTO counter VALUES (1, 0)");
        }
        int threads = 4;
        int perThread = 50;
        AtomicInteger acknowledged = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    try (Connection c = fixture.connect("iso", ""); Statement st = c.createStatement()) {
                        for (int i = 0; i < perThread; i++) {
                            try {
                                st.executeUpdate("UPDATE counter SET n = n + 1 WHERE id = 1");
                                acknowledged.incrementAndGet();
                            } catch (SQLException e) {
                                if (e.getErrorCode() != 1213) {
                                    throw e;
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = fixture.connect("iso", "")) {
            assertEquals(acknowledged.get(), scalar(c, "SELECT n FROM counter WHERE id = 1"));
        }
    }

    @Test
    void selectForUpdateMakesOthersWaitUntilTimeout() throws SQLException {
        try (Connection a = fixture.connect("iso", ""); Connection b = fixture.connect("iso", "")) {
            try (Statement st = a.createStatement()) {
                st.execute("CREATE TABLE fu (id INT PRIMARY KEY, v INT)");
                st.execute("INSERT INTO fu VALUES (1, 0)");
            }
            a.setAutoCommit(false);
            scalar(a, "SELECT v FROM fu WHERE id = 1 FOR UPDATE");
            b.setAutoCommit(false);
            try (Statement st = b.createStatement()) {
                st.execute("SET innodb_lock_wait_timeout = 1");
                SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("SELECT v FROM fu WHERE id = 1 FOR UPDATE"));
                assertEquals(1205, e.getErrorCode());
            }
            b.rollback();
            a.commit();
        }
    }

    @Test
    void multiStatementsReturnEveryResult() throws SQLException {
        try (Connection c = fixture.connect("iso", "allowMultiQueries=true"); Statement st = c.createStatement()) {
            boolean isResult = st.execute("CREATE TABLE ms (id INT PRIMARY KEY); INSERT INTO ms VALUES (1), (2); SELECT COUNT(*) FROM ms; SELECT 7");
            List<String> seen = new ArrayList<>();
            while (true) {
                if (isResult) {
                    try (ResultSet rs = st.getResultSet()) {
                        assertTrue(rs.next());
                        seen.add("rows:" + rs.getLong(1));
                    }
                } else {
                    int count = st.getUpdateCount();
                    if (count == -1) {
                        break;
                    }
                    seen.add("count:" + count);
                }
                isResult = st.getMoreResults();
            }
            assertEquals(List.of("count:0", "count:2", "rows:2", "rows:7"), seen);
        }
    }

    @Test
    void largeResultStreams() throws SQLException {
        try (Connection c = fixture.connect("iso", "rewriteBatchedStatements=true"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE big (id INT PRIMARY KEY, pad VARCHAR(100))");
            StringBuilder sql = new StringBuilder();
            int id = 0;
            for (int batch = 0; batch < 20; batch++) {
                sql.setLength(0);
                sql.append("INSERT INTO big VALUES ");
                for (int i = 0; i < 1000; i++) {
                    sql.append(i == 0 ? "" : ",").append('(').append(++id).append(", REPEAT('x', 100))");
                }
                st.executeUpdate(sql.toString());
            }
            long rows = 0;
            long sum = 0;
            try (ResultSet rs = st.executeQuery("SELECT id, pad FROM big")) {
                while (rs.next()) {
                    rows++;
                    sum += rs.getLong(1);
                }
            }
            assertEquals(20_000, rows);
            assertEquals(20_000L * 20_001 / 2, sum);
        }
    }
}
