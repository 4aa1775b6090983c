package io.strata.optimizer.calcite;

import org.junit.jupiter.api.Test;

class DebugTest extends PlannerFixture {
    @Test
    void show() {
        String sql = System.getProperty("dbg.sql", "select 1");
        try (var r = planner.explain(parse(sql), ctx)) {
            r.rows().forEachRemaining(row -> System.out.println("PLAN " + render(row)));
        }
        System.out.println("ROWS " + rows(sql));
    }
}
