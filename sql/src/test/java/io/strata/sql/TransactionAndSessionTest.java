package io.strata.sql;

import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;
import io.strata.spi.session.PreparedInfo;
import io.strata.spi.session.QueryResult;
import io.strata.spi.session.SqlSession;
import io.strata.spi.session.UpdateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionAndSessionTest extends HarnessTest {
    SqlHarness.Session a;
    SqlHarness.Session b;

    @BeforeEach
    void setUp() {
        h = SqlHarness.inMemory(dir);
        a = h.session();
        b = h.session();
        a.exec("CREATE TABLE acc (id INT PRIMARY KEY, bal INT NOT NULL)");
        a.exec("INSERT INTO acc VALUES (1, 100), (2, 100)");
    }

    private long balance(SqlHarness.Session s, int id) {
        return (Long) s.value("SELECT bal FROM acc WHERE id = " + id);
    }

    @Test
    void rollbackDiscardsAndCommitPublishes() {
        a.exec("BEGIN");
        assertTrue((a.s.statusFlags() & SqlSession.STATUS_IN_TRANS) != 0);
        a.exec("UPDATE acc SET bal = bal - 10 WHERE id = 1");
        assertEquals(90, balance(a, 1));
        assertEquals(100, balance(b, 1));
        a.exec("ROLLBACK");
        assertEquals(100, balance(a, 1));
        a.exec("START TRANSACTION");
        a.exec("UPDATE acc SET bal = bal - 10 WHERE id = 1");
        a.exec("COMMIT");
        assertEquals(0, a.s.statusFlags() & SqlSession.STATUS_IN_TRANS);
        assertEquals(90, balance(b, 1));
    }

    @Test
    void repeatableReadKeepsSnapshotReadCommittedDoesNot() {
        a.exec("BEGIN");
        assertEquals(100, balance(a, 1));
        b.exec("UPDATE acc SET bal = 50 WHERE id = 1");
        assertEquals(100, balance(a, 1));
        a.exec("COMMIT");
        // as Connector/J does it: autocommit off, a read opens a transaction, then the level changes
        a.exec("SET autocommit = 0");
        assertEquals(50, balance(a, 1));
        a.exec("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
        b.exec("UPDATE acc SET bal = 55 WHERE id = 1");
        assertEquals(55, balance(a, 1));
        a.exec("COMMIT");
        a.exec("SET autocommit = 1");
        assertEquals("READ-COMMITTED", a.value("SELECT @@transaction_isolation"));
        a.exec("BEGIN");
        assertEquals(55, balance(a, 1));
        b.exec("UPDATE acc SET bal = 60 WHERE id = 1");
        assertEquals(60, balance(a, 1));
        a.exec("COMMIT");
    }

    @Test
    void failedStatementRollsBackOnlyItself() {
        a.exec("BEGIN");
        a.exec("INSERT INTO acc VALUES (3, 1)");
        a.error(ErrorCode.DUP_ENTRY, "INSERT INTO acc VALUES (4, 1), (1, 1)");
        a.exec("COMMIT");
        assertEquals(1, balance(b, 3));
        assertTrue(b.rows("SELECT bal FROM acc WHERE id = 4").isEmpty());
    }

    @Test
    void writeConflictBetweenSessions() {
        a.exec("BEGIN");
        b.exec("BEGIN");
        a.exec("UPDATE acc SET bal = bal + 1 WHERE id = 1");
        b.exec("UPDATE acc SET bal = bal + 2 WHERE id = 1");
        a.exec("COMMIT");
        StrataException e = assertThrows(StrataException.class, () -> b.exec("COMMIT"));
        assertEquals(ErrorCode.WRITE_CONFLICT, e.code());
        assertEquals(0, b.s.statusFlags() & SqlSession.STATUS_IN_TRANS);
        assertEquals(101, balance(b, 1));
    }

    @Test
    void pessimisticModeLocksUpdatedRows() {
        a.exec("SET strata_txn_mode = 'pessimistic'");
        b.exec("SET SESSION strata_txn_mode = 'PESSIMISTIC'");
        a.error(ErrorCode.WRONG_VALUE_FOR_VAR, "SET strata_txn_mode = 'sometimes'");
        a.exec("BEGIN");
        a.exec("UPDATE acc SET bal = bal - 10 WHERE id = 1");
        b.exec("BEGIN");
        StrataException e = assertThrows(StrataException.class, () -> b.exec("UPDATE acc SET bal = bal + 10 WHERE id = 1"));
        assertEquals(ErrorCode.LOCK_WAIT_TIMEOUT, e.code());
        // the failed statement rolled back, b's transaction is still usable
        b.exec("UPDATE acc SET bal = bal + 1 WHERE id = 2");
        b.exec("COMMIT");
        a.exec("COMMIT");
        assertEquals(90, balance(b, 1));
        assertEquals(101, balance(b, 2));
    }

    @Test
    void autocommitOffKeepsTransactionOpenAndDdlCommitsIt() {
        a.exec("SET autocommit = 0");
        assertEquals(0L, a.value("SELECT @@autocommit"));
        a.exec("UPDATE acc SET bal = 1 WHERE id = 2");
        assertTrue((a.s.statusFlags() & SqlSession.STATUS_IN_TRANS) != 0);
        assertEquals(100, balance(b, 2));
        a.exec("CREATE TABLE other (x INT)");
        assertEquals(1, balance(b, 2));
        a.exec("UPDATE acc SET bal = 2 WHERE id = 2");
        a.exec("SET autocommit = 1");
        assertEquals(2, balance(b, 2));
    }

    @Test
    void readOnlyTransactionsRejectWrites() {
        a.exec("START TRANSACTION READ ONLY");
        assertEquals(100, balance(a, 1));
        a.error(ErrorCode.READ_ONLY_TRANSACTION, "UPDATE acc SET bal = 0 WHERE id = 1");
        a.exec("COMMIT");
        a.exec("SET SESSION TRANSACTION READ ONLY");
        a.error(ErrorCode.READ_ONLY_TRANSACTION, "INSERT INTO acc VALUES (7, 7)");
        a.exec("SET SESSION TRANSACTION READ WRITE");
        a.exec("INSERT INTO acc VALUES (7, 7)");
        assertEquals(7, balance(b, 7));
    }

    @Test
    void selectForUpdateLocksRows() {
        a.exec("BEGIN");
        assertEquals(List.of(List.of(100L)), a.rows("SELECT bal FROM acc WHERE id = 1 FOR UPDATE"));
        b.exec("BEGIN");
        StrataException e = assertThrows(StrataException.class, () -> b.exec("SELECT bal FROM acc WHERE id = 1 FOR UPDATE"));
        assertTrue(e.code() == ErrorCode.LOCK_WAIT_TIMEOUT || e.code() == ErrorCode.WRITE_CONFLICT
                || e.code() == ErrorCode.LOCK_DEADLOCK, e.code().name());
        a.exec("COMMIT");
        b.exec("ROLLBACK");
    }

    @Test
    void systemAndUserVariables() {
        a.exec("SET NAMES utf8mb4");
        assertEquals("utf8mb4", a.value("SELECT @@character_set_client"));
        a.exec("SET character_set_results = NULL");
        assertEquals(null, a.value("SELECT @@character_set_results"));
        a.exec("SET @x = 42, @@session.sql_mode = ''");
        assertEquals(42L, a.value("SELECT @x"));
        assertEquals("", a.value("SELECT @@sql_mode"));
        a.exec("SET GLOBAL max_connections = 10");
        assertEquals(10L, b.value("SELECT @@global.max_connections"));
        assertEquals("Variable 'version' is a read only variable",
                a.error(ErrorCode.INCORRECT_GLOBAL_LOCAL_VAR, "SET GLOBAL version = 'x'").getMessage());
        a.error(ErrorCode.UNKNOWN_SYSTEM_VARIABLE, "SET nope = 1");
        a.error(ErrorCode.WRONG_VALUE_FOR_VAR, "SET autocommit = 'maybe'");
        assertEquals(8L, (long) a.rows("SHOW VARIABLES LIKE 'character_set_%'").size() + 1);
        assertEquals("8.0.40-Strata", a.value("SELECT @@version"));
        // non-strict sql_mode turns an out-of-range value into a warning
        a.exec("CREATE TABLE n (v TINYINT)");
        UpdateResult r = a.update("INSERT INTO n VALUES (1000)");
        assertEquals(1, r.affectedRows());
        assertEquals(1, a.s.warningCount());
        assertEquals(127L, a.value("SELECT v FROM n"));
    }

    @Test
    void preparedStatements() {
        PreparedInfo p = a.s.prepare("SELECT bal FROM acc WHERE id = ?");
        assertEquals(1, p.parameters().size());
        assertEquals("bal", p.columns().get(0).name());
        QueryResult r = (QueryResult) a.s.executePrepared(p.statementId(), new Object[]{2L});
        assertEquals(100L, SqlHarness.drain(r).get(0)[0]);
        PreparedInfo upd = a.s.prepare("UPDATE acc SET bal = ? WHERE id = ?");
        assertEquals(2, upd.parameters().size());
        assertTrue(upd.columns().isEmpty());
        assertEquals(1, ((UpdateResult) a.s.executePrepared(upd.statementId(), new Object[]{7L, 2L})).affectedRows());
        PreparedInfo ins = a.s.prepare("INSERT INTO acc VALUES (?, ?)");
        a.s.executePrepared(ins.statementId(), new Object[]{9L, 9L});
        assertEquals(7, balance(b, 2));
        assertEquals(9, balance(b, 9));
        a.s.closePrepared(p.statementId());
        assertThrows(StrataException.class, () -> a.s.executePrepared(p.statementId(), new Object[]{2L}));
    }

    /**
     * A prepared point select reuses what it derived from the catalog only while the catalog and
     * the current database are unchanged: DDL from another session and USE take effect at once.
     */
    @Test
    void preparedPointSelectFollowsDdlAndUse() {
        PreparedInfo p = a.s.prepare("SELECT bal FROM acc WHERE id = ?");
        assertEquals(100L, SqlHarness.drain((QueryResult) a.s.executePrepared(p.statementId(), new Object[]{1L})).get(0)[0]);
        assertEquals(100L, SqlHarness.drain((QueryResult) a.s.executePrepared(p.statementId(), new Object[]{2L})).get(0)[0]);
        assertTrue(SqlHarness.drain((QueryResult) a.s.executePrepared(p.statementId(), new Object[]{3L})).isEmpty());
        // a key that does not convert to INT without loss is compared by the planner, not looked up
        assertTrue(SqlHarness.drain((QueryResult) a.s.executePrepared(p.statementId(), new Object[]{"1.5"})).isEmpty());

        // another session rebuilds the table with the column at a different position
        b.exec("DROP TABLE acc");
        b.exec("CREATE TABLE acc (note VARCHAR(10), bal INT NOT NULL, id INT PRIMARY KEY)");
        b.exec("INSERT INTO acc VALUES ('x', 42, 1)");
        QueryResult r = (QueryResult) a.s.executePrepared(p.statementId(), new Object[]{1L});
        assertEquals(42L, SqlHarness.drain(r).get(0)[0]);

        // the same table name in another database after USE
        a.exec("CREATE DATABASE other");
        a.exec("CREATE TABLE other.acc (id INT PRIMARY KEY, bal INT NOT NULL)");
        a.exec("INSERT INTO other.acc VALUES (1, 7)");
        a.exec("USE other");
        assertEquals(7L, SqlHarness.drain((QueryResult) a.s.executePrepared(p.statementId(), new Object[]{1L})).get(0)[0]);
        b.exec("DROP TABLE other.acc");
        assertThrows(StrataException.class, () -> a.s.executePrepared(p.statementId(), new Object[]{1L}));
    }

    @Test
    void multiStatementsAndKill() {
        List<Object> results = new java.util.ArrayList<>();
        a.s.execute("SELECT bal FROM acc WHERE id = 1; UPDATE acc SET bal = 5 WHERE id = 1", (r, more) -> {
            results.add(more);
            if (r instanceof QueryResult q) {
                q.close();
            }
        });
        assertEquals(List.of(true, false), results);
        assertEquals(5, balance(b, 1));
        long bId = b.s.info().connectionId();
        assertEquals(2, a.rows("SHOW PROCESSLIST").size());
        a.exec("KILL QUERY " + bId);
        assertEquals(5, balance(b, 1), "KILL QUERY of an idle session leaves its next statement alone");
        assertFalse(b.disconnected.get());
        a.exec("KILL CONNECTION " + bId);
        assertTrue(b.disconnected.get(), "KILL CONNECTION closes the target's socket");
        StrataException e = assertThrows(StrataException.class, () -> b.exec("SELECT 1"));
        assertEquals(ErrorCode.QUERY_INTERRUPTED, e.code());
        a.error(ErrorCode.NO_SUCH_THREAD, "KILL 9999");
        a.error(ErrorCode.NO_SUCH_THREAD, "KILL QUERY 9999");
    }

    @Test
    void setMultiStatementsSwitchesTheSession() {
        SqlHarness.Session c = h.session("root", false, false);
        c.error(ErrorCode.PARSE_ERROR, "SELECT 1; SELECT 2");
        c.s.setMultiStatements(true);
        assertTrue(c.s.multiStatements());
        List<Boolean> more = new java.util.ArrayList<>();
        c.s.execute("SELECT 1; SELECT 2", (r, m) -> {
            more.add(m);
            ((QueryResult) r).close();
        });
        assertEquals(List.of(true, false), more);
        c.s.setMultiStatements(false);
        c.error(ErrorCode.PARSE_ERROR, "SELECT 1; SELECT 2");
    }

    @Test
    void killQueryInterruptsALockWaitAndKeepsTheSession() throws Exception {
        a.exec("BEGIN");
        a.exec("SELECT bal FROM acc WHERE id = 1 FOR UPDATE");
        b.exec("SET innodb_lock_wait_timeout = 50");
        java.util.concurrent.CompletableFuture<StrataException> waiting = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> assertThrows(StrataException.class, () -> b.exec("SELECT bal FROM acc WHERE id = 1 FOR UPDATE")));
        long bId = b.s.info().connectionId();
        SqlHarness.Session killer = h.session();
        // wait until b is inside its statement, then cancel it
        while (!"Query".equals(processCommand(killer, bId))) {
            Thread.sleep(10);
        }
        killer.exec("KILL QUERY " + bId);
        StrataException e = waiting.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(ErrorCode.QUERY_INTERRUPTED, e.code());
        assertFalse(b.disconnected.get());
        a.exec("ROLLBACK");
        assertEquals(100, balance(b, 1), "the session carries on after KILL QUERY");
    }

    @Test
    void onlyRootKillsOtherUsersThreads() {
        SqlHarness.Session alice = h.session("alice", true, false);
        SqlHarness.Session bob = h.session("bob", true, false);
        long bobId = bob.s.info().connectionId();
        StrataException e = assertThrows(StrataException.class, () -> alice.exec("KILL " + bobId));
        assertEquals(ErrorCode.KILL_DENIED, e.code());
        assertEquals("You are not owner of thread " + bobId, e.getMessage());
        assertFalse(bob.disconnected.get());
        SqlHarness.Session bob2 = h.session("bob", true, false);
        bob2.exec("KILL " + bobId);
        assertTrue(bob.disconnected.get());
        a.exec("KILL " + alice.s.info().connectionId());
        assertTrue(alice.disconnected.get());
    }

    private static Object processCommand(SqlHarness.Session s, long id) {
        for (List<Object> row : s.rows("SHOW PROCESSLIST")) {
            if (((Number) row.get(0)).longValue() == id) {
                return row.get(4);
            }
        }
        return null;
    }
}
