package io.strata.optimizer.calcite;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Range predicates on an indexed integer column read a range of the index, not the table. */
class IndexRangeTest extends PlannerFixture {
    @Test
    void rangeOnAnIndexedColumnScansTheIndex() {
        String sql = "select id from orders where user_id >= 1 and user_id < 2 order by id";
        String p = plan(sql);
        assertTrue(p.contains("IndexRangeScan") && p.contains("index:idx_user"), p);
        assertEquals(List.of("100", "101"), rows(sql));
        assertTrue(tables.log.stream().anyMatch(l -> l.startsWith("range orders idx_user")), tables.log.toString());
    }

    @Test
    void boundsAreRoundedInwardAndNullsNeverMatch() {
        assertEquals(List.of("100", "101", "102"), rows("select id from orders where user_id > 0.5 order by id"));
        assertEquals(List.of("100", "101"), rows("select id from orders where user_id < 1.5 order by id"));
        assertEquals(List.of("102"), rows("select id from orders where user_id > 1 order by id"));
        assertEquals(List.of(), rows("select id from orders where user_id > 1.5 and user_id < 2"));
        assertEquals(List.of("100", "101", "102"), rows("select id from orders where user_id <= 2 order by id"));
    }

    @Test
    void equalityPrefersTheLookupAndHandleRangesStayHandleRanges() {
        assertTrue(plan("select id from orders where user_id = 1 and user_id < 5").contains("range:[1]"));
        String p = plan("select id from orders where id between 100 and 101 and user_id > 0");
        assertTrue(p.contains("TableRangeScan"), p);
    }
}
