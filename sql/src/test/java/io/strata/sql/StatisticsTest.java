package io.strata.sql;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ANALYZE TABLE measures row counts that the planner's estimates then use, across restarts. */
class StatisticsTest {
    @TempDir
    Path dir;
    SqlHarness h;

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
    }

    private static String fullScanEstimate(SqlHarness.Session s) {
        List<List<Object>> plan = s.rows("EXPLAIN SELECT * FROM t WHERE b > 0");
        for (List<Object> row : plan) {
            if (String.valueOf(row.get(0)).contains("TableFullScan")) {
                return String.valueOf(row.get(1));
            }
        }
        throw new AssertionError("no full scan in " + plan);
    }

    @Test
    void analyzeCountsRowsAndThePlannerUsesTheCount() {
        h = SqlHarness.inMemory(dir);
        SqlHarness.Session s = h.session();
        s.exec("CREATE TABLE t (a INT PRIMARY KEY, b INT)");
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= 250; i++) {
            values.append(i == 1 ? "" : ",").append("(").append(i).append(",").append(i).append(")");
        }
        s.exec("INSERT INTO t VALUES " + values);
        assertEquals("10000.00", fullScanEstimate(s), "pseudo estimate before ANALYZE");
        assertEquals(List.of(List.of("test.t", "analyze", "status", "OK")), s.rows("ANALYZE TABLE t"));
        assertEquals("250.00", fullScanEstimate(s));
        s.exec("DELETE FROM t WHERE a > 200");
        s.rows("ANALYZE TABLE t");
        assertEquals("200.00", fullScanEstimate(s));
    }

    @Test
    void countsSurviveARestart() {
        h = SqlHarness.onDisk(dir);
        SqlHarness.Session s = h.session();
        s.exec("CREATE TABLE t (a INT PRIMARY KEY, b INT)");
        s.exec("INSERT INTO t VALUES (1, 1), (2, 2), (3, 3)");
        s.rows("ANALYZE TABLE t");
        h.close();
        h = SqlHarness.onDisk(dir);
        assertEquals("3.00", fullScanEstimate(h.session()));
    }
}
