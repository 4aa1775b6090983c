package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.catalog.TypeKind;
import io.strata.spi.session.QueryResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Index joins whose inner key starts with constants of the query: TPC-C's stock-level query joins
 * {@code stock} on {@code s_w_id = ? AND s_i_id = ol_i_id} with {@code (s_w_id, s_i_id)} the key.
 * The lookup must combine the constant with the outer row's key (one point read per order line)
 * instead of reading the whole warehouse's stock.
 */
class LookupJoinPrefixTest {
    static final TableDef STOCK = new InMemoryCatalogDouble.TableBuilder(30, "tpcc", "stock")
            .col("s_w_id", TypeKind.INT, false)
            .col("s_i_id", TypeKind.INT, false)
            .col("s_quantity", TypeKind.INT, true)
            .index("pk_stock", true, "s_w_id", "s_i_id")
            .build();
    static final TableDef ORDER_LINE = new InMemoryCatalogDouble.TableBuilder(31, "tpcc", "order_line")
            .col("ol_id", TypeKind.INT, false)
            .col("ol_w_id", TypeKind.INT, false)
            .col("ol_o_id", TypeKind.INT, false)
            .col("ol_i_id", TypeKind.INT, false)
            .pkHandle("ol_id")
            .index("idx_ol", false, "ol_w_id", "ol_o_id")
            .build();

    final InMemoryTablesDouble tables = new InMemoryTablesDouble();
    final TestContextDouble ctx = new TestContextDouble("tpcc",
            new InMemoryCatalogDouble(1, List.of("tpcc"), List.of(STOCK, ORDER_LINE)), tables);
    final CalciteQueryPlanner planner = new CalciteQueryPlanner(PlannerConfig.defaults());

    LookupJoinPrefixTest() {
        long h = 1;
        for (long w = 1; w <= 2; w++) {
            for (long i = 1; i <= 50; i++) {
                tables.insert(STOCK, h++, w, i, w == 1 ? i : 100 + i);
            }
        }
        // warehouse 1, orders 10..12, items 3, 4, 5, 40, 41, 42
        long[][] lines = {{1, 1, 10, 3}, {2, 1, 10, 40}, {3, 1, 11, 4}, {4, 1, 11, 41}, {5, 1, 12, 5}, {6, 1, 12, 42},
                {7, 2, 11, 3}};
        for (long[] l : lines) {
            tables.insert(ORDER_LINE, l[0], l[0], l[1], l[2], l[3]);
        }
    }

    private static final String STOCK_LEVEL = "SELECT COUNT(DISTINCT s_i_id) FROM order_line, stock "
            + "WHERE ol_w_id = ? AND ol_o_id < ? AND ol_o_id >= ? AND s_w_id = ? AND s_i_id = ol_i_id AND s_quantity < ?";

    private List<String> run(String sql, Object... params) {
        ctx.parameters = params;
        List<String> out = new ArrayList<>();
        try (QueryResult r = planner.query(PlannerFixture.parse(sql), ctx)) {
            r.rows().forEachRemaining(row -> out.add(PlannerFixture.render(row)));
        }
        return out;
    }

    private String plan(String sql, Object... params) {
        ctx.parameters = params;
        List<String> lines = new ArrayList<>();
        try (QueryResult r = planner.explain(PlannerFixture.parse(sql), ctx)) {
            r.rows().forEachRemaining(row -> lines.add(PlannerFixture.render(row)));
        }
        return String.join("\n", lines);
    }

    @Test
    void constantPrefixAndJoinKeyMakeOneLookupPerOuterRow() {
        Object[] params = {1L, 13L, 10L, 1L, 41L};
        String p = plan(STOCK_LEVEL, params);
        assertTrue(p.contains("IndexJoin") && p.contains("pk_stock") && !p.contains("TableFullScan"), p);
        tables.log.clear();
        // items 3, 4, 5 and 40 have quantity < 41 in warehouse 1
        assertEquals(List.of("4"), run(STOCK_LEVEL, params));
        List<String> stockReads = tables.log.stream().filter(l -> l.contains("stock")).toList();
        assertEquals(6, stockReads.size(), tables.log.toString());
        assertTrue(stockReads.contains("index stock pk_stock [1, 40]"), stockReads.toString());
        // the other warehouse's stock (quantities 101..150) through the same cached plan
        assertEquals(List.of("1"), run(STOCK_LEVEL, 2L, 13L, 10L, 2L, 104L));
        // constants that match no stored value find nothing
        assertEquals(List.of("0"), run(STOCK_LEVEL, 1L, 13L, 10L, 3L, 1000L));
    }

    @Test
    void leftJoinWithAConstantPrefixKeepsUnmatchedOuterRows() {
        String sql = "SELECT ol_id, s_quantity FROM order_line LEFT JOIN stock ON s_w_id = 2 AND s_i_id = ol_i_id "
                + "WHERE ol_w_id = 1 AND ol_o_id = 10 ORDER BY ol_id";
        assertEquals(List.of("1|103", "2|140"), run(sql));
        String none = "SELECT ol_id, s_quantity FROM order_line LEFT JOIN stock ON s_w_id = 3 AND s_i_id = ol_i_id "
                + "WHERE ol_w_id = 1 AND ol_o_id = 10 ORDER BY ol_id";
        assertEquals(List.of("1|NULL", "2|NULL"), run(none));
    }

    @Test
    void aConstantReachesTheOtherSideOfAnEquiJoin() {
        // TPC-C new-order: customer's key (w, d, c) gets w from "c_w_id = w_id AND w_id = ?"
        String sql = "SELECT ol_id, s_quantity FROM order_line, stock WHERE ol_w_id = ? AND s_w_id = ol_w_id AND s_i_id = ? "
                + "ORDER BY ol_id";
        String p = plan(sql, 1L, 41L);
        assertTrue(p.contains("Point_Get") && p.contains("table:stock, index:pk_stock|index value:[?, ?]"), p);
        tables.log.clear();
        assertEquals(List.of("1|41", "2|41", "3|41", "4|41", "5|41", "6|41"), run(sql, 1L, 41L));
        assertTrue(tables.log.stream().noneMatch(l -> l.startsWith("scan stock")), tables.log.toString());
    }
}
