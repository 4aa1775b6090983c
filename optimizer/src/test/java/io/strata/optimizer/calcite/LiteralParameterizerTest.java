package io.strata.optimizer.calcite;

import com.alibaba.druid.DbType;
import com.alibaba.druid.sql.SQLUtils;
import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.TypeKind;
import io.strata.optimizer.plan.QueryPlanner;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.QueryResult;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Text-protocol statements that differ only in the values they compare columns with share one
 * cached plan, and still read by key; literals that shape the plan or the result stay.
 */
class LiteralParameterizerTest extends PlannerFixture {
    private List<String> accesses(String sql) {
        tables.log.clear();
        rows(sql);
        return List.copyOf(tables.log);
    }

    private String keyText(String sql) {
        var p = LiteralParameterizer.select(parse(sql), null, LiteralParameterizer.ofTables(parse(sql), catalog, "shop"));
        return p == null ? null : new StatementText().of(p.node()) + " " + java.util.Arrays.toString(p.parameters());
    }

    @Test
    void sameShapeOtherValuesReusesThePlan() {
        assertEquals(List.of("bob"), rows("select name from users where id = 2"));
        long plans = planner.cachedPlans();
        assertEquals(List.of("carol"), rows("select name from users where id = 3"));
        assertEquals(List.of(), rows("select name from users where id = 99"));
        assertEquals(plans, planner.cachedPlans());
        assertEquals(List.of("get users 4"), accesses("select name from users where id = 4"));
        assertEquals(plans, planner.cachedPlans());
    }

    @Test
    void textKeysStayKeyLookups() {
        assertEquals(List.of("index users uk_name [bob]"), accesses("select id from users where name = 'bob'"));
        long plans = planner.cachedPlans();
        assertEquals(List.of("index users uk_name [dave]"), accesses("select id from users where name = 'dave'"));
        // collation: the lookup is by sort key, as with the literal
        assertEquals(List.of("2"), rows("select id from users where name = 'BOB'"));
        assertEquals(List.of("index users idx_city [Paris]"), accesses("select id from users where city = 'Paris' and age > 1"));
        assertEquals(List.of("1"), rows("select id from users where city = 'Paris' and age > 1"));
        assertEquals(List.of("3"), rows("select id from users where city = 'Paris' and age is null"));
        assertEquals(plans + 2, planner.cachedPlans());
    }

    @Test
    void rangesInListsAndJoins() {
        assertEquals(List.of("scan users [2,3]"), accesses("select name from users where id >= 2 and id < 4"));
        assertEquals(List.of("bob", "carol"), rows("select name from users where id between 2 and 3 order by id"));
        assertEquals(List.of("alice", "dave"), rows("select name from users where id in (1, 4) order by id"));
        assertEquals(List.of("bob|5.00"), rows("select u.name, o.amount from users u join orders o on o.user_id = u.id and o.amount > 1.5 "
                + "where u.id = 2"));
        assertEquals(List.of("1|2"), rows("select user_id, count(*) from orders where amount > 10 group by user_id having count(*) > 1"));
        assertEquals(List.of("alice"), rows("select name from users where id in (select user_id from orders where amount = 20.25)"));
    }

    @Test
    void whatIsReplacedAndWhatStays() {
        // select list, ORDER BY position and LIMIT keep their literals; the WHERE comparison does not
        assertEquals("SELECT id, 5 FROM users WHERE id = ? ORDER BY 1 LIMIT 3 [2]",
                keyText("select id, 5 from users where id = 2 order by 1 limit 3"));
        // a literal compared with a column of another kind (a date, a number as text) stays
        assertNull(keyText("select id from users where created > '2024-01-01' and name = 5"));
        // NULL, approximate numbers, COLLATE and functions stay
        assertNull(keyText("select id from users where age = 1e3 or age <=> null or name = 'x' collate utf8mb4_bin or age = abs(3)"));
        // a decimal is not compared with an integer column through a parameter (the literal is rounded by the plan)
        assertNull(keyText("select id from users where id > 2.5"));
        assertEquals("SELECT id FROM orders WHERE amount > ? [2.5]", keyText("select id from orders where amount > 2.5"));
    }

    @Test
    void labelsComeFromTheOriginalText() {
        try (QueryResult r = run("select id, 1 + 1, name = 'bob' from users where id = 2")) {
            assertEquals(List.of("id", "1 + 1", "name = 'bob'"), r.columns().stream().map(ColumnMeta::name).toList());
            assertEquals("2|2|1", render(r.rows().next()));
        }
    }

    @Test
    void preparedStatementsAreLeftAlone() {
        ctx.parameters = new Object[]{2L};
        assertEquals(List.of("bob"), rows("select name from users where id = ? and age > 1"));
        assertNull(LiteralParameterizer.select(parse("select name from users where id = ? and age > 1"), ctx.parameters,
                LiteralParameterizer.ofTables(parse("select 1"), catalog, "shop")));
    }

    @Test
    void scalarArithmeticLiteralsBecomeParameters() {
        List<String> names = List.of("a", "d");
        List<ColumnType> types = List.of(ColumnType.of(TypeKind.INT),
                new ColumnType(TypeKind.DECIMAL, -1, 12, 2, false, List.of()));
        QueryPlanner.ScalarProgram plus5 = planner.compileScalars(List.of(SQLUtils.toSQLExpr("a + 5", DbType.mysql)), names, types, ctx);
        QueryPlanner.ScalarProgram plus7 = planner.compileScalars(List.of(SQLUtils.toSQLExpr("a + 7", DbType.mysql)), names, types, ctx);
        QueryPlanner.ScalarProgram minus = planner.compileScalars(List.of(SQLUtils.toSQLExpr("d - 12.34", DbType.mysql)), names, types, ctx);
        QueryPlanner.ScalarProgram front = planner.compileScalars(List.of(SQLUtils.toSQLExpr("3 + a", DbType.mysql)), names, types, ctx);
        Object[] row = {10L, new BigDecimal("100.00")};
        assertArrayEquals(new Object[]{15L}, plus5.evaluate(row, ctx));
        assertArrayEquals(new Object[]{17L}, plus7.evaluate(row, ctx));
        assertArrayEquals(new Object[]{new BigDecimal("87.66")}, minus.evaluate(row, ctx));
        assertArrayEquals(new Object[]{13L}, front.evaluate(row, ctx));
        assertArrayEquals(new Object[]{null}, plus5.evaluate(new Object[]{null, null}, ctx));
        var lifted = LiteralParameterizer.scalars(List.of(SQLUtils.toSQLExpr("a + 5", DbType.mysql)), null,
                LiteralParameterizer.ofInputs(names, types));
        assertEquals("a + ?", new StatementText().of(lifted.node().get(0)));
    }
}
