package io.strata.optimizer.calcite;

import com.alibaba.druid.DbType;
import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLExpr;
import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.TypeKind;
import io.strata.optimizer.plan.QueryPlanner;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.QueryResult;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanCacheAndExecutionTest extends PlannerFixture {
    @Test
    void preparedStatementReusesPlanWithDifferentParameters() {
        String sql = "select name from users where id = ?";
        ctx.parameters = new Object[]{1L};
        assertEquals(List.of("alice"), rows(sql));
        Object first = planner.cachedPlan(parse(sql), ctx);
        assertNotNull(first);
        ctx.parameters = new Object[]{2L};
        assertEquals(List.of("bob"), rows(sql));
        assertSame(first, planner.cachedPlan(parse(sql), ctx));
        ctx.parameters = new Object[]{99L};
        assertEquals(List.of(), rows(sql));
        assertSame(first, planner.cachedPlan(parse(sql), ctx));
        // a parameter of another type gets its own plan
        ctx.parameters = new Object[]{"3"};
        assertEquals(List.of("carol"), rows(sql));
        assertNotSame(first, planner.cachedPlan(parse(sql), ctx));
    }

    @Test
    void parametersEverywhere() {
        ctx.parameters = new Object[]{new BigDecimal("2.50"), "Paris", 1L};
        assertEquals(List.of("carol|5.50"), rows("select name, ? * 2 + 0.50 from users where city = ? and id > ? order by id"));
        ctx.parameters = new Object[]{2L};
        assertEquals(List.of("alice", "bob"), rows("select name from users order by id limit ?"));
        ctx.parameters = new Object[]{"bob".getBytes(java.nio.charset.StandardCharsets.UTF_8), java.time.LocalDate.of(1990, 1, 1)};
        assertEquals(List.of("2"), rows("select id from users where name = ? and birthday > ?"));
        ctx.parameters = new Object[]{null};
        assertEquals(List.of(), rows("select id from users where name = ?"));
    }

    @Test
    void sessionValuesAreNotBakedIntoCachedPlans() {
        String sql = "select database(), now(), @v, @@autocommit";
        ctx.userVars.put("v", 1L);
        assertEquals("shop|2024-03-15 10:20:30|1|1", value(sql));
        ctx.now = ctx.now.plusDays(1);
        ctx.userVars.put("v", 5L);
        ctx.sysVars.put("autocommit", 0L);
        assertEquals("shop|2024-03-16 10:20:30|5|0", value(sql));
        // the type of a user variable changed: the plan is recompiled, not misread
        ctx.userVars.put("v", "text");
        assertEquals("shop|2024-03-16 10:20:30|text|0", value(sql));
        // another current database is another plan
        ctx.database = "other";
        assertEquals("other", value("select database()"));
        assertEquals(List.of("one", "two"), rows("select label from items order by id"));
    }

    @Test
    void catalogVersionInvalidatesPlans() {
        assertEquals("4", value("select count(*) from users"));
        long before = planner.cachedPlans();
        ctx.catalog = new InMemoryCatalogDouble(2, List.of("shop", "other"), List.of(USERS, ORDERS, NOPK, ITEMS));
        assertEquals("4", value("select count(*) from users"));
        assertTrue(planner.cachedPlans() > before);
    }

    @Test
    void queryWithRowIds() {
        try (QueryResult r = planner.queryWithRowIds(parse("select a, b, _strata_rowid from nopk where a = 1 order by b"), ctx)) {
            assertEquals(List.of("a", "b", QueryPlanner.ROW_ID_COLUMN), r.columns().stream().map(ColumnMeta::name).toList());
            List<String> out = new ArrayList<>();
            r.rows().forEachRemaining(row -> out.add(render(row)));
            assertEquals(List.of("1|x|1", "1|y|2"), out);
        }
        try (QueryResult r = planner.queryWithRowIds(parse("select o._strata_rowid, u._strata_rowid from users u join orders o on o.user_id = u.id where u.id = 2"), ctx)) {
            assertEquals("102|2", render(r.rows().next()));
        }
    }

    @Test
    void compileScalarsOverAnInputRow() {
        List<SQLExpr> exprs = List.of(SQLUtils.toSQLExpr("a + 1", DbType.mysql), SQLUtils.toSQLExpr("concat(t.b, '!')", DbType.mysql),
                SQLUtils.toSQLExpr("(select max(id) from users)", DbType.mysql), SQLUtils.toSQLExpr("now()", DbType.mysql),
                SQLUtils.toSQLExpr("if(a > 1, 'big', 'small')", DbType.mysql));
        QueryPlanner.ScalarProgram p = planner.compileScalars(exprs, List.of("a", "b"),
                List.of(ColumnType.of(TypeKind.BIGINT), ColumnType.of(TypeKind.VARCHAR)), ctx);
        assertArrayEquals(new Object[]{2L, "x!", 4L, ctx.now, "small"}, p.evaluate(new Object[]{1L, "x"}, ctx));
        assertArrayEquals(new Object[]{6L, "yy!", 4L, ctx.now, "big"}, p.evaluate(new Object[]{5L, "yy"}, ctx));
        assertArrayEquals(new Object[]{null, null, 4L, ctx.now, "small"}, p.evaluate(new Object[]{null, null}, ctx));
        QueryPlanner.ScalarProgram again = planner.compileScalars(exprs, List.of("a", "b"),
                List.of(ColumnType.of(TypeKind.BIGINT), ColumnType.of(TypeKind.VARCHAR)), ctx);
        assertArrayEquals(new Object[]{3L, "z!", 4L, ctx.now, "big"}, again.evaluate(new Object[]{2L, "z"}, ctx));
    }

    @Test
    void compileScalarsWithoutInput() {
        QueryPlanner.ScalarProgram p = planner.compileScalars(
                List.of(SQLUtils.toSQLExpr("now()", DbType.mysql), SQLUtils.toSQLExpr("1 + 2", DbType.mysql)), List.of(), List.of(), ctx);
        assertArrayEquals(new Object[]{ctx.now, 3L}, p.evaluate(new Object[0], ctx));
    }

    @Test
    void scalarErrorsAreStrataExceptions() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.strata.spi.StrataException.class, () -> planner.compileScalars(
                List.of(SQLUtils.toSQLExpr("nope + 1", DbType.mysql)), List.of("a"), List.of(ColumnType.of(TypeKind.INT)), ctx));
        assertEquals(1054, e.code().mysqlCode());
    }

    @Test
    void resultsStreamAndCloseEarly() {
        try (QueryResult r = run("select id from users order by id")) {
            var it = r.rows();
            assertEquals(1L, it.next()[0]);
            assertEquals(2L, it.next()[0]);
        }
    }
}
