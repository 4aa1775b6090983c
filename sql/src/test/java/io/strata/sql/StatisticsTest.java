package io.strata.sql;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ANALYZE TABLE measures row and distinct counts that the planner's estimates then use, across restarts. */
class StatisticsTest extends HarnessTest {

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

    /** The planner's estimate of the groups of {@code GROUP BY column}: the column's distinct count. */
    private static double groups(SqlHarness.Session s, String column) {
        for (List<Object> row : s.rows("EXPLAIN SELECT " + column + ", COUNT(*) FROM t GROUP BY " + column)) {
            if (String.valueOf(row.get(0)).contains("HashAgg")) {
                return Double.parseDouble(String.valueOf(row.get(1)));
            }
        }
        throw new AssertionError("no aggregate in the plan");
    }

    /** The planner's estimate of the rows of {@code t} that {@code condition} keeps. */
    private static double filtered(SqlHarness.Session s, String condition) {
        for (List<Object> row : s.rows("EXPLAIN SELECT * FROM t WHERE " + condition)) {
            if (String.valueOf(row.get(0)).contains("Selection")) {
                return Double.parseDouble(String.valueOf(row.get(1)));
            }
        }
        throw new AssertionError("no selection in the plan");
    }

    private static void insertDistinctRows(SqlHarness.Session s, int rows) {
        for (int from = 0; from < rows; from += 1000) {
            StringBuilder values = new StringBuilder();
            for (int i = from; i < Math.min(rows, from + 1000); i++) {
                // b: 3000 values; c: 50 strings; d: only NULLs
                values.append(i == from ? "" : ",").append("(").append(i).append(",").append(i % 3000)
                        .append(",'name-").append(i % 50).append("',NULL)");
            }
            s.exec("INSERT INTO t VALUES " + values);
        }
    }

    @Test
    void analyzeEstimatesDistinctValuesPerColumn() {
        h = SqlHarness.inMemory(dir);
        SqlHarness.Session s = h.session();
        s.exec("CREATE TABLE t (a INT PRIMARY KEY, b INT, c VARCHAR(20), d INT)");
        insertDistinctRows(s, 20_000);
        s.rows("ANALYZE TABLE t");
        assertEquals(20_000, groups(s, "a"), 0.0, "a key has a value per row");
        assertEquals(3000, groups(s, "b"), 3000 * 0.05);
        // text compares by collation sort keys: c = 'x' keeps 1/50 of the rows
        assertEquals(20_000 / 50.0, filtered(s, "c = 'name-7'"), 20_000 / 50.0 * 0.05);
    }

    @Test
    void distinctCountsSurviveARestart() {
        h = SqlHarness.onDisk(dir);
        SqlHarness.Session s = h.session();
        s.exec("CREATE TABLE t (a INT PRIMARY KEY, b INT, c VARCHAR(20), d INT)");
        insertDistinctRows(s, 6000);
        s.rows("ANALYZE TABLE t");
        double before = groups(s, "b");
        assertEquals(3000, before, 3000 * 0.05);
        h.close();
        h = SqlHarness.onDisk(dir);
        assertEquals(before, groups(h.session(), "b"), 0.5);
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
