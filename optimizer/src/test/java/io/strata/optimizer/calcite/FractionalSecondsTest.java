package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.catalog.TypeKind;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.QueryResult;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DATETIME(fsp)/TIME(fsp) through the planner: microseconds survive evaluation. */
class FractionalSecondsTest {
    private static ColumnType temporal(TypeKind kind, int fsp) {
        return new ColumnType(kind, -1, fsp, -1, false, List.of());
    }

    static final TableDef F = new InMemoryCatalogDouble.TableBuilder(40, "shop", "f")
            .col("id", TypeKind.BIGINT, false)
            .col("dt", temporal(TypeKind.DATETIME, 6), true)
            .col("d0", temporal(TypeKind.DATETIME, 0), true)
            .col("t", temporal(TypeKind.TIME, 6), true)
            .pkHandle("id")
            .build();

    private final InMemoryTablesDouble tables = new InMemoryTablesDouble();
    private final TestContextDouble ctx = new TestContextDouble("shop",
            new InMemoryCatalogDouble(1, List.of("shop"), List.of(F)), tables);
    private final CalciteQueryPlanner planner = new CalciteQueryPlanner(PlannerConfig.defaults());

    FractionalSecondsTest() {
        tables.insert(F, 1, 1L, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000), LocalDateTime.of(2024, 1, 2, 3, 4, 5),
                LocalTime.of(10, 11, 12, 654_321_000));
        tables.insert(F, 2, 2L, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_457_000), LocalDateTime.of(2024, 1, 2, 3, 4, 6),
                LocalTime.of(23, 59, 59, 999_999_000));
    }

    private List<String> rows(String sql) {
        try (QueryResult r = planner.query(PlannerFixture.parse(sql), ctx)) {
            List<String> out = new ArrayList<>();
            r.rows().forEachRemaining(row -> out.add(PlannerFixture.render(row)));
            return out;
        }
    }

    private String value(String sql) {
        List<String> r = rows(sql);
        assertEquals(1, r.size(), sql);
        return r.get(0);
    }

    @Test
    void comparisonsAndOrderSeeMicroseconds() {
        assertEquals(List.of("2", "1"), rows("select id from f order by dt desc"));
        assertEquals(List.of("2"), rows("select id from f where dt > '2024-01-02 03:04:05.123456'"));
        assertEquals("1|0|0|1", value("select dt = '2024-01-02 03:04:05.123456', d0 = dt, dt < d0, t < '10:11:12.654322' from f where id = 1"));
        assertEquals(List.of("2"), rows("select id from f where t > time '12:00:00'"));
        assertEquals(List.of("1"), rows("select id from f where dt in ('2024-01-02 03:04:05.123456', '2020-01-01')"));
    }

    @Test
    void functionsSeeMicroseconds() {
        assertEquals("123456|03:04:05.123456|654321", value("select microsecond(dt), date_format(dt, '%H:%i:%s.%f'), microsecond(t) from f where id = 1"));
        assertEquals("2024-01-02 03:04:05.123458|-876543", value("select date_add(dt, interval 1 microsecond), timestampdiff(microsecond, d0, dt) from f where id = 2"));
        assertEquals("2024-01-02 03:04:05.123457|10:11:12.654321", value("select max(dt), min(t) from f"));
        assertEquals("2024-01-02 03:04:05.123|2024-01-02 03:04:05|10:11:13",
                value("select cast(dt as datetime(3)), cast(dt as datetime), cast(t as time) from f where id = 1"));
        assertEquals("2024-01-02 03:04:05.123457|2024-01-02 03:04:06", value("select coalesce(null, dt), greatest(dt, d0) from f where id = 2"));
    }

    @Test
    void constantsAreConvertedOnceAndInvalidOnesStillWarn() {
        assertEquals(List.of("2"), rows("select id from f where dt > '2024-01-02 03:04:05.123456' and t > '12:00' and d0 > date '2020-01-01'"));
        assertEquals(List.of(), rows("select id from f where dt > 'not a date'"));
        assertEquals(true, ctx.warnings.stream().anyMatch(w -> w.contains("1292") && w.contains("not a date")), ctx.warnings.toString());
    }

    @Test
    void resultColumnsCarryTheFsp() {
        try (QueryResult r = planner.query(PlannerFixture.parse(
                "select dt + interval 1 second, d0 + interval 1 microsecond, now(3), cast(t as time(2)), t from f"), ctx)) {
            List<Integer> decimals = r.columns().stream().map(ColumnMeta::decimals).toList();
            assertEquals(List.of(6, 6, 3, 2, 6), decimals);
        }
    }
}
