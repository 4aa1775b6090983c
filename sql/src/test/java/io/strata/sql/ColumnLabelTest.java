package io.strata.sql;

import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.PreparedInfo;
import io.strata.spi.session.QueryResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Column labels of unaliased select items are the item's text as typed, as in MySQL. */
class ColumnLabelTest extends HarnessTest {
    SqlHarness.Session s;

    @BeforeEach
    void setUp() {
        h = SqlHarness.inMemory(dir);
        s = h.session();
        s.exec("CREATE TABLE t (a INT PRIMARY KEY, b INT, Mixed INT)");
        s.exec("INSERT INTO t VALUES (1, 2, 3)");
    }

    private List<String> labels(String sql) {
        QueryResult r = s.result(sql);
        return r.columns().stream().map(ColumnMeta::name).toList();
    }

    @Test
    void expressionsKeepTheirTypedText() {
        assertEquals(List.of("1+1"), labels("SELECT 1+1"));
        assertEquals(List.of("a  +  b"), labels("SELECT  a  +  b FROM t"));
        assertEquals(List.of("cast(5 as unsigned)"), labels("SELECT cast(5 as unsigned)"));
        assertEquals(List.of("COUNT(*)", "count( * )"), labels("SELECT COUNT(*), count( * ) FROM t"));
        assertEquals(List.of("a", "b", "MIXED"), labels("SELECT t.a, `b`, MIXED FROM t"));
        assertEquals(List.of("abc", "NULL", "-1", "1.50"), labels("SELECT 'abc', null, -1, 1.50"));
        assertEquals(List.of("1 + 1", "2"), labels("SELECT 1 + 1 /* comment */ , 2"));
        assertEquals(List.of("1+1", "2"), labels("SELECT 1+1 -- comment\n, 2"));
        assertEquals(List.of("CASE WHEN a > 0\n  THEN 'p' END"), labels("SELECT CASE WHEN a > 0\n  THEN 'p' END FROM t"));
        assertEquals(List.of("x", "a+b"), labels("SELECT a AS x, a+b FROM t WHERE a = 1 ORDER BY 1"));
        assertEquals(List.of("@@autocommit", "@@SESSION.sql_select_limit"),
                labels("SELECT @@autocommit, @@SESSION.sql_select_limit"));
    }

    @Test
    void subqueriesUnionsAndPreparedStatements() {
        assertEquals(List.of("1+1", "(SELECT MAX(b) FROM t)"), labels("SELECT 1+1, (SELECT MAX(b) FROM t)"));
        assertEquals(List.of("2*a"), labels("SELECT * FROM (SELECT 2*a FROM t) d"));
        assertEquals(List.of("1+1"), labels("SELECT 1+1 UNION SELECT 3*3"));
        PreparedInfo p = s.s.prepare("SELECT a+? , b FROM t WHERE a = ?");
        assertEquals(List.of("a+?", "b"), p.columns().stream().map(ColumnMeta::name).toList());
        QueryResult r = (QueryResult) s.s.executePrepared(p.statementId(), new Object[]{10L, 1L});
        assertEquals(List.of("a+?", "b"), r.columns().stream().map(ColumnMeta::name).toList());
        r.close();
    }

    @Test
    void multiStatementsKeepEachItemsText() {
        List<String> seen = new java.util.ArrayList<>();
        s.s.execute("SELECT 1+1; SELECT  2 * 3 ,4", (r, more) -> {
            QueryResult q = (QueryResult) r;
            q.columns().forEach(c -> seen.add(c.name()));
            q.close();
        });
        assertEquals(List.of("1+1", "2 * 3", "4"), seen);
    }
}
