package io.strata.sql;

import io.strata.optimizer.calcite.CalciteQueryPlanner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Text-protocol statements that differ only in their values run on one cached plan (the
 * literals become parameters), and DDL that changes nothing keeps the cached plans.
 */
class PlanReuseTest {
    @TempDir
    Path dir;
    SqlHarness h;

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
    }

    private long plans() {
        return ((CalciteQueryPlanner) h.planner).cachedPlans();
    }

    @Test
    void statementsWithOtherValuesShareAPlan() {
        h = SqlHarness.inMemory(dir);
        SqlHarness.Session s = h.session();
        s.exec("CREATE TABLE district (d_w_id INT NOT NULL, d_id INT NOT NULL, d_name VARCHAR(10), d_ytd DECIMAL(12,2), "
                + "d_next_o_id INT, PRIMARY KEY (d_w_id, d_id), KEY idx_name (d_w_id, d_name))");
        for (int d = 1; d <= 5; d++) {
            s.exec("INSERT INTO district VALUES (1, " + d + ", 'dist" + d + "', 0.00, 3001)");
        }
        s.exec("BEGIN");
        assertEquals(List.of(List.of(3001L, "dist2")), s.rows("SELECT d_next_o_id, d_name FROM district WHERE d_w_id = 1 AND d_id = 2 FOR UPDATE"));
        s.exec("UPDATE district SET d_next_o_id = d_next_o_id + 1, d_ytd = d_ytd + 10.25 WHERE d_w_id = 1 AND d_id = 2");
        s.exec("COMMIT");
        assertEquals(List.of(List.of(3L)), s.rows("SELECT d_id FROM district WHERE d_w_id = 1 AND d_name = 'DIST3'"));
        long plans = plans();
        s.exec("BEGIN");
        assertEquals(List.of(List.of(3001L, "dist4")), s.rows("SELECT d_next_o_id, d_name FROM district WHERE d_w_id = 1 AND d_id = 4 FOR UPDATE"));
        s.exec("UPDATE district SET d_next_o_id = d_next_o_id + 7, d_ytd = d_ytd + 99.50 WHERE d_w_id = 1 AND d_id = 4");
        s.exec("COMMIT");
        assertEquals(List.of(List.of(5L)), s.rows("SELECT d_id FROM district WHERE d_w_id = 1 AND d_name = 'dist5'"));
        assertEquals(plans, plans());
        assertEquals(List.of(List.of(3002L, new BigDecimal("10.25")), List.of(3008L, new BigDecimal("99.50"))),
                s.rows("SELECT d_next_o_id, d_ytd FROM district WHERE d_w_id = 1 AND d_id IN (2, 4) ORDER BY d_id"));
        // other values, the same statements: still right, still no new plan
        assertEquals(List.of(List.of(3001L, new BigDecimal("0.00"))),
                s.rows("SELECT d_next_o_id, d_ytd FROM district WHERE d_w_id = 1 AND d_id IN (1, 5) AND d_id > 4 ORDER BY d_id"));
    }

    @Test
    void ddlThatChangesNothingKeepsThePlans() {
        h = SqlHarness.inMemory(dir);
        SqlHarness.Session s = h.session();
        s.exec("CREATE DATABASE shop");
        s.exec("USE shop");
        s.exec("CREATE TABLE t (a INT PRIMARY KEY, b INT)");
        s.exec("INSERT INTO t VALUES (1, 10), (2, 20)");
        assertEquals(List.of(List.of(10L)), s.rows("SELECT b FROM t WHERE a = 1 AND b > 0"));
        long plans = plans();
        s.exec("CREATE DATABASE IF NOT EXISTS shop");
        s.exec("CREATE SCHEMA IF NOT EXISTS shop");
        s.exec("DROP TABLE IF EXISTS nothing_here");
        s.exec("CREATE TABLE IF NOT EXISTS t (a INT PRIMARY KEY)");
        assertEquals(List.of(List.of(20L)), s.rows("SELECT b FROM t WHERE a = 2 AND b > 0"));
        assertEquals(plans, plans());
        // a DDL that changes something still moves the version (the plan is made anew)
        s.exec("CREATE TABLE u (x INT)");
        assertEquals(List.of(List.of(20L)), s.rows("SELECT b FROM t WHERE a = 2 AND b > 0"));
        assertEquals(plans + 1, plans());
    }

    @Test
    void compositeKeyPointStatementsAreNotPlanned() {
        h = SqlHarness.inMemory(dir);
        SqlHarness.Session s = h.session();
        s.exec("CREATE TABLE stock (s_w_id INT NOT NULL, s_i_id INT NOT NULL, s_qty INT, s_code VARCHAR(10), "
                + "PRIMARY KEY (s_w_id, s_i_id), UNIQUE KEY uk_code (s_w_id, s_code))");
        s.exec("INSERT INTO stock VALUES (1, 1, 10, 'a'), (1, 2, 20, 'b'), (2, 1, 30, NULL)");
        long plans = plans();
        assertEquals(List.of(List.of(20L)), s.rows("SELECT s_qty FROM stock WHERE s_w_id = 1 AND s_i_id = 2"));
        assertEquals(List.of(List.of(30L, 2L)), s.rows("SELECT s_qty, s_w_id FROM stock WHERE s_i_id = 1 AND s_w_id = 2"));
        assertEquals(List.of(), s.rows("SELECT s_qty FROM stock WHERE s_w_id = 3 AND s_i_id = 1"));
        assertEquals(List.of(), s.rows("SELECT s_qty FROM stock WHERE s_w_id = NULL AND s_i_id = 1"));
        // a unique key other than the primary one; the collation applies ('A' finds 'a')
        assertEquals(List.of(List.of(1L)), s.rows("SELECT s_i_id FROM stock WHERE s_w_id = 1 AND s_code = 'A'"));
        s.exec("BEGIN");
        assertEquals(List.of(List.of(10L)), s.rows("SELECT s_qty FROM stock WHERE s_w_id = 1 AND s_i_id = 1 FOR UPDATE"));
        assertEquals(1L, s.update("UPDATE stock SET s_qty = 11 WHERE s_w_id = 1 AND s_i_id = 1").affectedRows());
        assertEquals(0L, s.update("UPDATE stock SET s_qty = 11 WHERE s_w_id = 9 AND s_i_id = 1").affectedRows());
        assertEquals(1L, s.update("DELETE FROM stock WHERE s_w_id = 2 AND s_i_id = 1").affectedRows());
        s.exec("COMMIT");
        assertEquals(plans, plans(), "composite-key point statements must not be planned");
        assertEquals(List.of(List.of(1L, 1L, 11L), List.of(1L, 2L, 20L)), s.rows("SELECT s_w_id, s_i_id, s_qty FROM stock ORDER BY 1, 2"));
        // not a whole key, a key column twice, a value that does not fit: the planner answers, correctly
        assertEquals(List.of(List.of(11L), List.of(20L)), s.rows("SELECT s_qty FROM stock WHERE s_w_id = 1 ORDER BY 1"));
        assertEquals(List.of(), s.rows("SELECT s_qty FROM stock WHERE s_w_id = 1 AND s_w_id = 2 AND s_i_id = 1"));
        assertEquals(List.of(), s.rows("SELECT s_qty FROM stock WHERE s_w_id = 1 AND s_i_id = 1.5"));
        assertEquals(List.of(List.of(11L)), s.rows("SELECT s_qty FROM stock WHERE s_w_id = 1 AND s_i_id = '1'"));
    }

    @Test
    void forUpdateOnACompositeKeyLocksTheRow() {
        h = SqlHarness.inMemory(dir);
        SqlHarness.Session a = h.session();
        SqlHarness.Session b = h.session();
        a.exec("CREATE TABLE district (d_w_id INT NOT NULL, d_id INT NOT NULL, d_next INT, PRIMARY KEY (d_w_id, d_id))");
        a.exec("INSERT INTO district VALUES (1, 1, 3001), (1, 2, 3001)");
        a.exec("BEGIN");
        assertEquals(List.of(List.of(3001L)), a.rows("SELECT d_next FROM district WHERE d_w_id = 1 AND d_id = 1 FOR UPDATE"));
        b.exec("BEGIN");
        // another row is free; the locked one waits (200 ms in the harness) and fails as InnoDB does
        assertEquals(List.of(List.of(3001L)), b.rows("SELECT d_next FROM district WHERE d_w_id = 1 AND d_id = 2 FOR UPDATE"));
        b.error(io.strata.spi.ErrorCode.LOCK_WAIT_TIMEOUT, "SELECT d_next FROM district WHERE d_w_id = 1 AND d_id = 1 FOR UPDATE");
        b.exec("ROLLBACK");
        a.exec("UPDATE district SET d_next = 3002 WHERE d_w_id = 1 AND d_id = 1");
        a.exec("COMMIT");
        assertEquals(List.of(List.of(3002L)), b.rows("SELECT d_next FROM district WHERE d_w_id = 1 AND d_id = 1"));
    }
}
