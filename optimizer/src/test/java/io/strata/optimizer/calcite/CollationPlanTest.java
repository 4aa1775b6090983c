package io.strata.optimizer.calcite;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text comparisons, grouping and ordering under the default utf8mb4_0900_ai_ci collation, and
 * the plans they get: sort keys must not cost the index lookups or the hash joins.
 */
class CollationPlanTest extends PlannerFixture {
    @Test
    void equalityIgnoresCaseAndStillUsesTheIndex() {
        assertEquals(List.of("1|alice"), rows("select id, name from users where name = 'ALICE'"));
        assertTrue(plan("select id from users where name = 'ALICE'").contains("index:uk_name"),
                plan("select id from users where name = 'ALICE'"));
        assertEquals(List.of("1", "3"), rows("select id from users where city = 'paris' order by id"));
        assertEquals(List.of("1", "2"), rows("select id from users where name in ('ALICE', 'Bob') order by id"));
        assertEquals(List.of("1", "2", "3"), rows("select id from users where name < 'D' order by id"));
    }

    @Test
    void explicitCollateIsBinary() {
        assertEquals(List.of(), rows("select name from users where name collate utf8mb4_bin = 'Alice'"));
        assertEquals(List.of("alice"), rows("select name from users where name collate utf8mb4_bin = 'alice'"));
        assertEquals("1|0|0|1", value("select 'a' = 'A', 'a' collate utf8mb4_bin = 'A', 'a' = 'a ', 'a' collate utf8mb4_bin = 'a '"));
        assertEquals("1|0", value("select 'ABC' like 'a%', 'ABC' collate utf8mb4_bin like 'a%'"));
    }

    @Test
    void groupingAndOrderingFoldCase() {
        assertEquals(List.of("BERLIN", "PARIS"), rows("select upper(city) from users where city is not null group by upper(city) order by 1"));
        assertEquals("2", value("select count(distinct city) from users"));
        assertEquals(List.of("Berlin|1", "Paris|2"),
                rows("select city, count(*) from users where city is not null group by city order by city"));
        assertEquals(List.of("alice", "bob", "carol", "dave"), rows("select name from users order by name"));
    }

    @Test
    void joinOnTextStaysAHashJoin() {
        assertEquals(List.of("1|1", "2|2"), rows("select u.id, i.id from users u join other.items i on upper(u.name) = i.label or u.id = i.id order by u.id"));
        String p = plan("select u.id from users u join nopk n on u.name = n.b");
        assertTrue(p.contains("HashJoin"), p);
    }
}
