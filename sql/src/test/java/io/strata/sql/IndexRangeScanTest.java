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
}
