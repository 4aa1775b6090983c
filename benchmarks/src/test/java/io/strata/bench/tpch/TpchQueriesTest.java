package io.strata.bench.tpch;

import com.alibaba.druid.DbType;
import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLSelectStatement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TpchQueriesTest {
    /** Strata parses with Druid's MySQL parser; every query must be one MySQL SELECT to it. */
    @Test
    void everyQueryIsOneMysqlSelect() {
        for (int q = 1; q <= 22; q++) {
            List<SQLStatement> statements = SQLUtils.parseStatements(TpchQueries.query(q), DbType.mysql);
            assertEquals(1, statements.size(), "Q" + q);
            assertTrue(statements.get(0) instanceof SQLSelectStatement, "Q" + q);
        }
    }

    @Test
    void orderedQueriesAreTheOnesWithOrderBy() {
        assertTrue(TpchQueries.ordered(1));
        assertFalse(TpchQueries.ordered(6));
        assertFalse(TpchQueries.ordered(14));
        assertThrows(IllegalArgumentException.class, () -> TpchQueries.query(23));
    }

    @Test
    void querySelection() {
        assertEquals(List.of(1, 2, 3, 6, 22), TpchBench.parseQueries("1-3, 6,22"));
        assertThrows(IllegalArgumentException.class, () -> TpchBench.parseQueries("0"));
    }
}
