package io.strata.optimizer.calcite;

import io.strata.spi.session.QueryResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pushdown of key predicates into the scan, visible both in TableAccess calls and in EXPLAIN. */
class PushdownExplainTest extends PlannerFixture {
    private List<String> explain(String sql) {
        try (QueryResult r = planner.explain(parse(sql), ctx)) {
            assertEquals(List.of("id", "estRows", "task", "access object", "operator info"),
                    r.columns().stream().map(c -> c.name()).toList());
            List<String> out = new ArrayList<>();
            r.rows().forEachRemaining(row -> out.add(render(row)));
            return out;
        }
    }

    private List<String> accesses(String sql) {
        tables.log.clear();
        rows(sql);
        return List.copyOf(tables.log);
    }

    @Test
    void pointGetOnHandle() {
        assertEquals(List.of("get users 3"), accesses("select name from users where id = 3"));
        String plan = String.join("\n", explain("select name from users where id = 3"));
        assertTrue(plan.contains("Point_Get") && plan.contains("table:users") && plan.contains("handle:3"), plan);
        ctx.parameters = new Object[]{2L};
        assertEquals(List.of("get users 2"), accesses("select name from users where id = ?"));
        assertTrue(String.join("\n", explain("select name from users where id = ?")).contains("handle:?"));
    }

    @Test
    void batchPointGetForInList() {
        assertEquals(List.of("get users 1", "get users 4"), accesses("select name from users where id in (1, 4)"));
        assertEquals(List.of("alice", "dave"), rows("select name from users where id in (1, 4) order by id"));
        assertTrue(String.join("\n", explain("select name from users where id in (1, 4)")).contains("Batch_Point_Get"));
    }

    @Test
    void handleRange() {
        assertEquals(List.of("scan users [2,3]"), accesses("select name from users where id >= 2 and id < 4"));
        assertEquals(List.of("scan users [3,+inf]"), accesses("select name from users where id > 2.5"));
        assertEquals(List.of("carol", "dave"), rows("select name from users where id > 2.5 order by id"));
        String plan = String.join("\n", explain("select name from users where id > 1 and id <= 3 and age > 20"));
        assertTrue(plan.contains("TableRangeScan") && plan.contains("range:(1,3]"), plan);
        assertTrue(plan.contains("Selection") && plan.contains("gt(age, 20)"), plan);
    }

    @Test
    void indexLookup() {
        assertEquals(List.of("index users uk_name [bob]"), accesses("select id from users where name = 'bob'"));
        assertEquals(List.of("index users idx_city [Paris]"), accesses("select id from users where city = 'Paris' and age > 1"));
        assertEquals(List.of("1"), rows("select id from users where city = 'Paris' and age > 1"));
        String plan = String.join("\n", explain("select id from orders where user_id = 1"));
        assertTrue(plan.contains("IndexLookUp") && plan.contains("index:idx_user"), plan);
        plan = String.join("\n", explain("select id from users where name = 'bob'"));
        assertTrue(plan.contains("Point_Get") && plan.contains("index:uk_name"), plan);
        ctx.parameters = new Object[]{"carol"};
        assertEquals(List.of("3"), rows("select id from users where name = ?"));
        // a string parameter is a key lookup too (the comparison casts the column to VARCHAR, which changes no value)
        assertEquals(List.of("index users uk_name [carol]"), accesses("select id from users where name = ?"));
        ctx.parameters = null;
        assertEquals(List.of("index users uk_name [bob]", "index users uk_name [dave]"),
                accesses("select id from users where name in ('bob', 'dave', 'bob')"));
        assertEquals(List.of("2", "4"), rows("select id from users where name in ('bob', 'dave') order by id"));
        assertEquals(List.of("1", "3"), rows("select id from users where city in ('Paris', 'Rome') and age is null or id = 1 order by id"));
        assertTrue(String.join("\n", explain("select id from users where city in ('Paris', 'Rome')")).contains("in:"));
    }

    @Test
    void orderByHandleNeedsNoSortAndLimitStopsTheScan() {
        for (long id = 5; id <= 100; id++) {
            tables.insert(USERS, id, id, "u" + id, null, null, null, null);
        }
        tables.rowsRead = 0;
        assertEquals(List.of("alice", "bob"), rows("select name from users order by id limit 2"));
        String plan = String.join("\n", explain("select name from users order by id limit 2"));
        // the limit may look one row ahead, but the other 97 rows are never read
        assertTrue(tables.rowsRead <= 3, tables.rowsRead + "\n" + plan);
        assertTrue(plan.contains("Limit") && !plan.contains("TopN") && !plan.contains("Sort"), plan);
        assertEquals(List.of("u100", "u99"), rows("select name from users order by id desc limit 2"));
        assertEquals(List.of("bob", "carol"), rows("select name from users where id > 1 order by id limit 2"));
        assertEquals(List.of("dave", "alice"), rows("select name from users where id in (4, 1) order by id desc"));
    }

    @Test
    void indexJoinReadsTheInnerTableByKey() {
        // orders → users by the users handle
        assertEquals(List.of("get orders 100", "get users 1"),
                accesses("select u.name from orders o join users u on u.id = o.user_id where o.id = 100"));
        assertEquals(List.of("alice"), rows("select u.name from orders o join users u on u.id = o.user_id where o.id = 100"));
        // LEFT join keeps outer rows without a match
        assertEquals(List.of("103|NULL", "102|bob"),
                rows("select o.id, u.name from orders o left join users u on u.id = o.user_id where o.id in (102, 103) order by o.id desc"));
        assertEquals(List.of("carol|NULL"), rows("select u.name, o.id from users u left join orders o on o.user_id = u.id where u.id = 3"));
        // extra join conditions are applied after the lookup
        assertEquals(List.of("alice|101"), rows("select u.name, o.id from users u join orders o on o.user_id = u.id and o.amount > 20 where u.id = 1"));
        String plan = String.join("\n", explain("select u.name from orders o join users u on u.id = o.user_id where o.id = 100"));
        assertTrue(plan.contains("IndexJoin") && plan.contains("table:users") && !plan.contains("TableFullScan"), plan);
        // the point-get side is on the right as written: the join is commuted so it still drives the lookup
        assertEquals(List.of("get orders 100", "get users 1"),
                accesses("select u.name from users u join orders o on u.id = o.user_id where o.id = 100"));
        assertEquals(List.of("alice|10.50"), rows("select u.name, o.amount from users u join orders o on u.id = o.user_id where o.id = 100"));
    }

    @Test
    void fullScanWhenNothingPushable() {
        assertEquals(List.of("scan users [-inf,+inf]"), accesses("select id from users where age + 1 > 30"));
        assertTrue(String.join("\n", explain("select id from users where age > 30")).contains("TableFullScan"));
    }

    @Test
    void joinsPushIntoBothSides() {
        String plan = String.join("\n", explain("select u.name, o.amount from users u join orders o on o.user_id = u.id where u.id = 1"));
        // the constant crosses the join condition: both sides are key reads of their own
        assertTrue(plan.contains("Point_Get") && plan.contains("index:idx_user|range:[1]") && !plan.contains("FullScan"), plan);
        assertEquals(java.util.Set.of("get users 1", "index orders idx_user [1]"),
                java.util.Set.copyOf(accesses("select u.name, o.amount from users u join orders o on o.user_id = u.id where u.id = 1")));
        assertEquals(List.of("alice|10.50", "alice|20.25"), rows("select u.name, o.amount from users u join orders o on o.user_id = u.id where u.id = 1 order by o.id"));
    }
}
