package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.catalog.TypeKind;
import io.strata.spi.session.QueryResult;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The 22 TPC-H queries (texts of the benchmark harness, in {@code tpch/qN.sql}) on a tiny
 * dbgen database (scale factor {@value #SF}) held in the in-memory test doubles, with answers
 * compared to DuckDB running the same text on the same rows. A watchdog cancels a statement that
 * runs away (a plan that explodes), so such a query fails instead of hanging the build; the bound
 * is generous and is a hang guard, not a performance assertion.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TpchQueriesTest {
    static final double SF = 0.002;
    private static final Map<String, List<String>> PRIMARY_KEYS = Map.of(
            "region", List.of("r_regionkey"), "nation", List.of("n_nationkey"), "supplier", List.of("s_suppkey"),
            "customer", List.of("c_custkey"), "part", List.of("p_partkey"), "partsupp", List.of("ps_partkey", "ps_suppkey"),
            "orders", List.of("o_orderkey"), "lineitem", List.of("l_orderkey", "l_linenumber"));

    private final InMemoryTablesDouble tables = new InMemoryTablesDouble();
    private final List<TableDef> defs = new ArrayList<>();
    private TestContextDouble ctx;
    private Connection duck;
    private final ExecutorService runner = Executors.newSingleThreadExecutor();

    @BeforeAll
    void load() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        long id = 100;
        for (TpchTable<?> t : TpchTable.getTables()) {
            defs.add(tableDef(id++, t));
        }
        ctx = new TestContextDouble("tpch", new InMemoryCatalogDouble(1, List.of("tpch"), defs), tables);
        int i = 0;
        for (TpchTable<?> t : TpchTable.getTables()) {
            load(t, defs.get(i++));
        }
    }

    @AfterAll
    void close() throws SQLException {
        runner.shutdownNow();
        duck.close();
    }

    static TableDef tableDef(long id, TpchTable<?> t) {
        List<ColumnDef> cols = new ArrayList<>();
        for (TpchColumn<?> c : t.getColumns()) {
            cols.add(new ColumnDef(cols.size() + 1, c.getColumnName(), type(c.getType()), false, false, null, null, null,
                    false, ""));
        }
        List<String> pk = PRIMARY_KEYS.get(t.getTableName());
        List<Integer> pkIds = new ArrayList<>();
        for (String name : pk) {
            for (ColumnDef c : cols) {
                if (c.name().equals(name)) {
                    pkIds.add(c.id());
                }
            }
        }
        // a single BIGINT key is the row handle, as in the row store; a composite key is an index
        boolean handle = pk.size() == 1;
        return new TableDef(id, "tpch", t.getTableName(), cols, List.of(new IndexDef(1, "PRIMARY", pkIds, true, true)),
                handle, cols.size() + 1, 2, "");
    }

    private static ColumnType type(TpchColumnType t) {
        return switch (t.getBase()) {
            case IDENTIFIER -> ColumnType.of(TypeKind.BIGINT);
            case INTEGER -> ColumnType.of(TypeKind.INT);
            case DATE -> ColumnType.of(TypeKind.DATE);
            case DOUBLE -> new ColumnType(TypeKind.DECIMAL, -1, 15, 2, false, List.of());
            case VARCHAR -> new ColumnType(TypeKind.VARCHAR, t.getPrecision().orElse(255L).intValue(), -1, -1, false, List.of());
        };
    }

    private static String sqlType(TpchColumnType t) {
        return switch (t.getBase()) {
            case IDENTIFIER -> "BIGINT";
            case INTEGER -> "INT";
            case DATE -> "DATE";
            case DOUBLE -> "DECIMAL(15,2)";
            case VARCHAR -> "VARCHAR(" + t.getPrecision().orElse(255L) + ")";
        };
    }

    private <E extends TpchEntity> void load(TpchTable<E> t, TableDef def) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(t.getTableName()).append(" (");
                for (TpchColumn<E> c : t.getColumns()) {
            ddl.append(c.getColumnName()).append(' ').append(sqlType(c.getType())).append(" NOT NULL, ");
        }
        // no key constraint in DuckDB: dbgen repeats a few partsupp keys at tiny scale factors
        ddl.setLength(ddl.length() - 2);
        ddl.append(')');
        try (Statement st = duck.createStatement()) {
            st.execute(ddl.toString());
        }
        long handle = 0;
        try (DuckDBAppender app = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, t.getTableName())) {
            for (E e : t.createGenerator(SF, 1, 1)) {
                List<TpchColumn<E>> cols = t.getColumns();
                Object[] row = new Object[cols.size()];
                app.beginRow();
                for (int i = 0; i < row.length; i++) {
                    TpchColumn<E> c = cols.get(i);
                    switch (c.getType().getBase()) {
                        case IDENTIFIER -> {
                            row[i] = c.getIdentifier(e);
                            app.append(c.getIdentifier(e));
                        }
                        case INTEGER -> {
                            row[i] = (long) c.getInteger(e);
                            app.append(c.getInteger(e));
                        }
                        case DATE -> {
                            row[i] = LocalDate.ofEpochDay(c.getDate(e));
                            app.append((LocalDate) row[i]);
                        }
                        case DOUBLE -> {
                            row[i] = BigDecimal.valueOf(c.getDouble(e)).setScale(2, RoundingMode.HALF_UP);
                            app.append((BigDecimal) row[i]);
                        }
                        case VARCHAR -> {
                            row[i] = c.getString(e).getBytes(StandardCharsets.UTF_8);
                            app.append(c.getString(e));
                        }
                    }
                }
                app.endRow();
                int h = def.handleColumnIndex();
                tables.insert(def, h >= 0 ? (Long) row[h] : ++handle, row);
            }
        }
    }

    /** All 22, or the comma-separated list in system property {@code tpch.queries} (for debugging one). */
    static IntStream queries() {
        String only = System.getProperty("tpch.queries", "");
        return only.isBlank() ? IntStream.rangeClosed(1, 22)
                : java.util.Arrays.stream(only.split(",")).mapToInt(q -> Integer.parseInt(q.trim()));
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void answersLikeDuckDb(int n) throws Exception {
        String sql = text(n);
        List<String> expected = duckRows(sql);
        List<String> actual = strataRows(sql);
        if (!sql.contains("ORDER BY")) {
            expected = expected.stream().sorted().toList();
            actual = actual.stream().sorted().toList();
        }
        assertEquals(expected.size(), actual.size(), "row count of Q" + n + ": " + actual);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "row " + i + " of Q" + n);
        }
    }

    /**
     * Q19 writes its join condition {@code p_partkey = l_partkey} inside each branch of an OR; it
     * must be factored out so the join is keyed on it rather than a cross product (a nested-loop
     * join, with no key, over lineitem × part).
     */
    @org.junit.jupiter.api.Test
    void q19JoinsOnThePartKeyFactoredOutOfTheOr() throws IOException {
        String plan = explain(text(19));
        assertTrue(plan.contains("HashJoin") || plan.contains("IndexJoin"), plan);
        assertFalse(plan.contains("NestedLoopJoin"), plan);
        assertTrue(plan.contains("p_partkey") && plan.contains("l_partkey"), plan);
    }

    private List<String> strataRows(String sql) throws Exception {
        ctx.cancelled = false;
        Future<List<String>> f = runner.submit(() -> {
            try (QueryResult r = new CalciteQueryPlanner(PlannerConfig.defaults()).query(PlannerFixture.parse(sql), ctx)) {
                List<String> out = new ArrayList<>();
                r.rows().forEachRemaining(row -> out.add(render(row)));
                return out;
            }
        });
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            ctx.cancelled = true;
            f.cancel(true);
            fail("statement still running after the hang guard's bound: " + sql + "\nplan:\n" + explain(sql));
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    private String explain(String sql) {
        try (QueryResult r = new CalciteQueryPlanner(PlannerConfig.defaults()).explain(PlannerFixture.parse(sql), ctx)) {
            List<String> out = new ArrayList<>();
            r.rows().forEachRemaining(row -> out.add(render(row)));
            return String.join("\n", out);
        }
    }

    private List<String> duckRows(String sql) throws SQLException {
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[cols];
                for (int i = 0; i < cols; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                out.add(render(row));
            }
            return out;
        }
    }

    /**
     * Values as comparable text: numbers (exact decimals of different scales, averages as double
     * in DuckDB and as decimal in MySQL) rounded to 4 decimals, strings as text, dates ISO.
     */
    private static String render(Object[] row) {
        StringBuilder sb = new StringBuilder();
        for (Object v : row) {
            if (!sb.isEmpty()) {
                sb.append('|');
            }
            sb.append(value(v));
        }
        return sb.toString();
    }

    private static String value(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (v instanceof Number num) {
            BigDecimal d = num instanceof BigDecimal bd ? bd : new BigDecimal(num.toString());
            return d.setScale(4, RoundingMode.HALF_UP).toPlainString();
        }
        return v.toString();
    }

    static String text(int n) throws IOException {
        try (InputStream in = TpchQueriesTest.class.getResourceAsStream("/tpch/q" + n + ".sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
