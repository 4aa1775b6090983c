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
}
