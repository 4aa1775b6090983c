package io.strata.sql;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Index range scans over real index keys: composite keys, negative values, NULLs, open ends. */
class IndexRangeScanTest extends HarnessTest {
    SqlHarness.Session s;

    @BeforeEach
    void setUp() {
        h = SqlHarness.inMemory(dir);
        s = h.session();
        s.exec("CREATE TABLE ol (w INT, o INT, n INT, v INT, PRIMARY KEY (w, o, n), KEY idx_v (v))");
        StringBuilder sql = new StringBuilder("INSERT INTO ol VALUES ");
        for (int w = 1; w <= 2; w++) {
            for (int o = -3; o <= 6; o++) {
                sql.append(w == 1 && o == -3 ? "" : ",").append("(").append(w).append(",").append(o).append(",1,")
                        .append(o == 0 ? "NULL" : String.valueOf(o * 10)).append(")");
            }
        }
        s.exec(sql.toString());
    }

    private List<Object> ids(String sql) {
        return s.rows(sql).stream().map(r -> r.get(0)).toList();
    }

    @Test
    void rangeAfterAnEqualityPrefix() {
        String q = "SELECT o FROM ol WHERE w = 2 AND o > -2 AND o <= 3 ORDER BY o";
        assertTrue(s.rows("EXPLAIN " + q).toString().contains("IndexRangeScan"), s.rows("EXPLAIN " + q).toString());
        assertEquals(List.of(-1L, 0L, 1L, 2L, 3L), ids(q));
        assertEquals(List.of(5L, 6L), ids("SELECT o FROM ol WHERE w = 1 AND o >= 5 ORDER BY o"));
        assertEquals(List.of(-3L, -2L), ids("SELECT o FROM ol WHERE w = 1 AND o < -1.5 ORDER BY o"));
    }

    @Test
    void rangeOnASecondaryIndexSkipsNulls() {
        String q = "SELECT o FROM ol WHERE v < 15 AND w = 1 ORDER BY o";
        assertEquals(List.of(-3L, -2L, -1L, 1L), ids(q));
        assertEquals(List.of(2L, 3L), ids("SELECT o FROM ol WHERE v BETWEEN 20 AND 30 AND w = 2 ORDER BY o"));
    }

    /**
     * Index reads go in batches (16 entries, then 128, 1024…): ranges across batch boundaries read
     * every row once and in key order, deleted entries are skipped, and an ORDER BY on the key
     * with a LIMIT needs no sort.
     */
    @Test
    void rangesLongerThanOneBatch() {
        s.exec("CREATE TABLE no (w INT NOT NULL, d INT NOT NULL, o INT NOT NULL, PRIMARY KEY (w, d, o))");
        StringBuilder sql = new StringBuilder("INSERT INTO no VALUES ");
        for (int o = 1; o <= 400; o++) {
            // inserted in descending order, so row ids and key order differ
            sql.append(o == 1 ? "" : ",").append("(1,").append(o % 2 + 1).append(",").append(1000 - o).append(")");
        }
        s.exec(sql.toString());
        String q = "SELECT o FROM no WHERE w = 1 AND d = 1 ORDER BY o LIMIT 1";
        assertTrue(!s.rows("EXPLAIN " + q).toString().contains("Sort"), s.rows("EXPLAIN " + q).toString());
        assertEquals(List.of(600L), ids(q));
        List<Object> all = ids("SELECT o FROM no WHERE w = 1 AND d = 1");
        assertEquals(200, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(600L + 2 * i, all.get(i));
        }
        assertEquals(List.of(800L), ids("SELECT COUNT(*) * 4 FROM no WHERE w = 1 AND d = 2"));
        assertEquals(List.of(701L, 703L), ids("SELECT o FROM no WHERE w = 1 AND d = 2 AND o > 700 ORDER BY o LIMIT 2"));
        // the oldest entries deleted, as TPC-C's delivery does, one by one
        s.exec("BEGIN");
        for (int k = 0; k < 40; k++) {
            Object oldest = ids(q).get(0);
            s.exec("DELETE FROM no WHERE w = 1 AND d = 1 AND o = " + oldest);
        }
        s.exec("COMMIT");
        assertEquals(List.of(680L), ids(q));
        assertEquals(160, ids("SELECT o FROM no WHERE w = 1 AND d = 1").size());
    }
}
