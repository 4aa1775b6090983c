package io.strata.optimizer.calcite;

import com.alibaba.druid.DbType;
import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLSelect;
import com.alibaba.druid.sql.ast.statement.SQLSelectStatement;
import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.catalog.TypeKind;
import io.strata.spi.StrataException;
import io.strata.spi.session.QueryResult;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Shared test data: database {@code shop} with users, orders and a table without a primary key,
 * database {@code other} with items. Rows are rendered as strings "v1|v2|…" (NULL as "NULL")
 * so expectations read like a result grid.
 */
abstract class PlannerFixture {
    static final TableDef USERS = new InMemoryCatalogDouble.TableBuilder(10, "shop", "users")
            .col("id", TypeKind.BIGINT, false)
            .col("name", new ColumnType(TypeKind.VARCHAR, 32, -1, -1, false, List.of()), false)
            .col("age", TypeKind.INT, true)
            .col("city", new ColumnType(TypeKind.VARCHAR, 32, -1, -1, false, List.of()), true)
            .col("created", TypeKind.DATETIME, true)
            .col("birthday", TypeKind.DATE, true)
            .pkHandle("id")
            .index("uk_name", true, "name")
            .index("idx_city", false, "city")
            .build();
    static final TableDef ORDERS = new InMemoryCatalogDouble.TableBuilder(11, "shop", "orders")
            .col("id", TypeKind.INT, false)
            .col("user_id", TypeKind.INT, true)
            .col("amount", new ColumnType(TypeKind.DECIMAL, -1, 10, 2, false, List.of()), true)
            .col("status", new ColumnType(TypeKind.VARCHAR, 10, -1, -1, false, List.of()), true)
            .pkHandle("id")
            .index("idx_user", false, "user_id")
            .build();
    static final TableDef NOPK = new InMemoryCatalogDouble.TableBuilder(12, "shop", "nopk")
            .col("a", TypeKind.INT, true)
            .col("b", TypeKind.TEXT, true)
            .build();
    static final TableDef ITEMS = new InMemoryCatalogDouble.TableBuilder(20, "other", "items")
            .col("id", TypeKind.INT, false)
            .col("label", new ColumnType(TypeKind.VARCHAR, 20, -1, -1, false, List.of()), true)
            .pkHandle("id")
            .build();

    final InMemoryTablesDouble tables = new InMemoryTablesDouble();
    final InMemoryCatalogDouble catalog = new InMemoryCatalogDouble(1, List.of("shop", "other"), List.of(USERS, ORDERS, NOPK, ITEMS));
    final TestContextDouble ctx = new TestContextDouble("shop", catalog, tables);
    final CalciteQueryPlanner planner = new CalciteQueryPlanner(PlannerConfig.defaults());

    PlannerFixture() {
        tables.insert(USERS, 1, 1L, "alice", 30L, "Paris", LocalDateTime.of(2024, 1, 2, 3, 4, 5), LocalDate.of(1994, 5, 6));
        tables.insert(USERS, 2, 2L, "bob", 25L, "Berlin", LocalDateTime.of(2024, 2, 3, 4, 5, 6), LocalDate.of(1999, 1, 31));
        tables.insert(USERS, 3, 3L, "carol", null, "Paris", null, null);
        tables.insert(USERS, 4, 4L, "dave", 41L, null, LocalDateTime.of(2023, 12, 31, 23, 59, 59), LocalDate.of(1983, 12, 1));
        tables.insert(ORDERS, 100, 100L, 1L, new BigDecimal("10.50"), "paid");
        tables.insert(ORDERS, 101, 101L, 1L, new BigDecimal("20.25"), "paid");
        tables.insert(ORDERS, 102, 102L, 2L, new BigDecimal("5.00"), "new");
        tables.insert(ORDERS, 103, 103L, null, null, null);
        tables.insert(NOPK, 1, 1L, "x");
        tables.insert(NOPK, 2, 1L, "y");
        tables.insert(NOPK, 3, null, null);
        tables.insert(ITEMS, 1, 1L, "one");
        tables.insert(ITEMS, 2, 2L, "two");
    }

    static SQLSelect parse(String sql) {
        List<SQLStatement> stmts = SQLUtils.parseStatements(sql, DbType.mysql);
        return ((SQLSelectStatement) stmts.get(0)).getSelect();
    }

    QueryResult run(String sql) {
        return planner.query(parse(sql), ctx);
    }

    /** The EXPLAIN rows of a query, one line per operator. */
    String plan(String sql) {
        List<String> lines = new ArrayList<>();
        try (QueryResult r = planner.explain(parse(sql), ctx)) {
            r.rows().forEachRemaining(row -> lines.add(render(row)));
        }
        return String.join("\n", lines);
    }

    /** All rows rendered as "a|b|c". */
    List<String> rows(String sql) {
        try (QueryResult r = run(sql)) {
            List<String> out = new ArrayList<>();
            r.rows().forEachRemaining(row -> out.add(render(row)));
            return out;
        }
    }

    /** The single value of a one-row, one-column result, rendered. */
    String value(String sql) {
        List<String> r = rows(sql);
        assertEquals(1, r.size(), "rows of " + sql + ": " + r);
        return r.get(0);
    }

    static String render(Object[] row) {
        return Arrays.stream(row).map(PlannerFixture::render).collect(Collectors.joining("|"));
    }

    static String render(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof byte[] b) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Double d) {
            return io.strata.optimizer.func.MysqlValues.formatDouble(d);
        }
        if (v instanceof LocalDateTime || v instanceof java.time.Duration) {
            return io.strata.optimizer.func.MysqlValues.toStr(v);
        }
        return v.toString();
    }

    StrataException error(String sql) {
        return assertThrows(StrataException.class, () -> rows(sql));
    }
}
