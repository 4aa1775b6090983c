package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.catalog.TypeKind;
import io.strata.spi.session.QueryResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An ORDER BY on the columns an index read returns its rows in needs no sort: TPC-C's delivery
 * reads a district's oldest new order with {@code WHERE no_w_id = ? AND no_d_id = ? ORDER BY
 * no_o_id LIMIT 1} on the key (no_w_id, no_d_id, no_o_id), and with the sort gone the LIMIT stops
 * the index read instead of sorting the district.
 */
class SortByIndexOrderTest {
    static final TableDef NEW_ORDER = new InMemoryCatalogDouble.TableBuilder(40, "tpcc", "new_order")
            .col("no_o_id", TypeKind.INT, false)
            .col("no_d_id", TypeKind.INT, false)
            .col("no_w_id", TypeKind.INT, false)
            .col("note", new ColumnType(TypeKind.VARCHAR, 20, -1, -1, false, List.of()), true)
            .index("PRIMARY", true, "no_w_id", "no_d_id", "no_o_id")
            .index("idx_note", false, "no_w_id", "note")
            .build();

    final InMemoryTablesDouble tables = new InMemoryTablesDouble();
    final TestContextDouble ctx = new TestContextDouble("tpcc",
            new InMemoryCatalogDouble(1, List.of("tpcc"), List.of(NEW_ORDER)), tables);
    final CalciteQueryPlanner planner = new CalciteQueryPlanner(PlannerConfig.defaults());

    SortByIndexOrderTest() {
        // inserted out of key order, so handle order is not key order
        long h = 1;
        long[] orders = {2105, 2101, 2110, 2102, 2107};
        for (long d = 1; d <= 2; d++) {
            for (long o : orders) {
                tables.insert(NEW_ORDER, h++, o, d, 1L, o % 2 == 0 ? "b" : "a");
            }
        }
    }

    private List<String> run(String sql, Object... params) {
        ctx.parameters = params.length == 0 ? null : params;
        List<String> out = new ArrayList<>();
        try (QueryResult r = planner.query(PlannerFixture.parse(sql), ctx)) {
            r.rows().forEachRemaining(row -> out.add(PlannerFixture.render(row)));
        }
        return out;
    }

    private String plan(String sql, Object... params) {
        ctx.parameters = params.length == 0 ? null : params;
        List<String> lines = new ArrayList<>();
        try (QueryResult r = planner.explain(PlannerFixture.parse(sql), ctx)) {
            r.rows().forEachRemaining(row -> lines.add(PlannerFixture.render(row)));
        }
        return String.join("\n", lines);
    }

    @Test
    void oldestNewOrderOfADistrictNeedsNoSort() {
        String sql = "SELECT no_o_id FROM new_order WHERE no_w_id = ? AND no_d_id = ? ORDER BY no_o_id LIMIT 1";
        String p = plan(sql, 1L, 2L);
        assertTrue(p.contains("index:PRIMARY"), p);
        assertFalse(p.contains("Sort"), p);
        assertTrue(p.contains("Limit"), p);
        assertEquals(List.of("2101"), run(sql, 1L, 2L));
        assertEquals(List.of("2101"), run("SELECT no_o_id FROM new_order WHERE no_w_id = 1 AND no_d_id = 1 ORDER BY no_o_id LIMIT 1"));
        assertEquals(List.of("2102", "2105"), run("SELECT no_o_id FROM new_order WHERE no_w_id = 1 AND no_d_id = 1 "
                + "ORDER BY no_d_id, no_o_id LIMIT 2 OFFSET 1"));
        assertEquals(List.of(), run(sql, 2L, 1L));
    }

    @Test
    void rangesAndWholeOrdersToo() {
        String range = "SELECT no_o_id FROM new_order WHERE no_w_id = 1 AND no_d_id = 2 AND no_o_id > 2101 ORDER BY no_o_id";
        assertFalse(plan(range).contains("Sort"), plan(range));
        assertEquals(List.of("2102", "2105", "2107", "2110"), run(range));
        String byDistrict = "SELECT no_d_id, no_o_id FROM new_order WHERE no_w_id = 1 ORDER BY no_d_id, no_o_id LIMIT 3";
        assertFalse(plan(byDistrict).contains("Sort"), plan(byDistrict));
        assertEquals(List.of("1|2101", "1|2102", "1|2105"), run(byDistrict));
    }

    @Test
    void otherOrdersStillSort() {
        // descending, a column out of index order, a text column (collation sort keys), an expression
        for (String sql : List.of(
                "SELECT no_o_id FROM new_order WHERE no_w_id = 1 AND no_d_id = 1 ORDER BY no_o_id DESC LIMIT 1",
                "SELECT no_o_id FROM new_order WHERE no_w_id = 1 ORDER BY no_o_id LIMIT 1",
                "SELECT no_o_id FROM new_order WHERE no_w_id = 1 AND note = 'a' ORDER BY no_o_id LIMIT 1",
                "SELECT note FROM new_order WHERE no_w_id = 1 AND no_d_id = 1 ORDER BY note LIMIT 1",
                "SELECT no_o_id FROM new_order WHERE no_w_id = 1 AND no_d_id = 1 ORDER BY no_o_id + 0 LIMIT 1")) {
            assertTrue(plan(sql).contains("Sort") || plan(sql).contains("TopN"), sql + "\n" + plan(sql));
        }
        assertEquals(List.of("2110"), run("SELECT no_o_id FROM new_order WHERE no_w_id = 1 AND no_d_id = 1 ORDER BY no_o_id DESC LIMIT 1"));
        assertEquals(List.of("2101"), run("SELECT no_o_id FROM new_order WHERE no_w_id = 1 ORDER BY no_o_id LIMIT 1"));
        assertEquals(List.of("2102"), run("SELECT no_o_id FROM new_order WHERE no_w_id = 1 AND note = 'b' ORDER BY no_o_id LIMIT 1"));
    }
}
