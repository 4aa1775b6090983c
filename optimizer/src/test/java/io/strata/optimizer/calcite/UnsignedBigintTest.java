package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.catalog.TypeKind;
import io.strata.spi.StrataException;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.MysqlType;
import io.strata.spi.session.QueryResult;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BIGINT UNSIGNED through the planner: the Calcite type, unsigned handles, arithmetic and casts. */
class UnsignedBigintTest {
    private static final ColumnType UNSIGNED = new ColumnType(TypeKind.BIGINT, -1, -1, -1, true, List.of());
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
    static final TableDef U = new InMemoryCatalogDouble.TableBuilder(30, "shop", "u")
            .col("id", UNSIGNED, false)
            .col("v", UNSIGNED, true)
            .col("s", TypeKind.BIGINT, true)
            .pkHandle("id")
            .index("iv", false, "v")
            .build();

    private final InMemoryTablesDouble tables = new InMemoryTablesDouble();
    private final TestContextDouble ctx = new TestContextDouble("shop",
            new InMemoryCatalogDouble(1, List.of("shop"), List.of(U)), tables);
    private final CalciteQueryPlanner planner = new CalciteQueryPlanner(PlannerConfig.defaults());

    UnsignedBigintTest() {
        insert(0L, 0L, 0L);
        insert(1L, MAX, -1L);
        insert(Long.MAX_VALUE, TWO_63, 5L);
        insert(TWO_63, 1L, 7L);
        insert(MAX, Long.MAX_VALUE, 9L);
    }

    private void insert(Object id, Object v, Object s) {
        tables.insert(U, U.handleOf(id), id, v, s);
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
    void calciteTypeIsAnUnsignedDecimalView() {
        StrataTypeFactory f = new StrataTypeFactory();
        RelDataType notNull = UnsignedBigintType.of(f, false);
        RelDataType nullable = f.createTypeWithNullability(notNull, true);
        assertTrue(UnsignedBigintType.is(nullable));
        assertTrue(nullable.isNullable());
        assertSame(notNull, f.createTypeWithNullability(nullable, false));
        assertEquals(SqlTypeName.DECIMAL, notNull.getSqlTypeName());
        assertEquals(20, notNull.getPrecision());
        assertNotEquals(f.createSqlType(SqlTypeName.DECIMAL, 20, 0), notNull);
    }

    @Test
    void handlesKeepTheUnsignedOrder() {
        List<Object> values = List.of(0L, 1L, Long.MAX_VALUE, TWO_63, MAX);
        for (int i = 0; i + 1 < values.size(); i++) {
            assertTrue(U.handleOf(values.get(i)) < U.handleOf(values.get(i + 1)), values.get(i) + " < " + values.get(i + 1));
        }
        for (Object v : values) {
            assertEquals(v, U.handleValue(U.handleOf(v)));
        }
        assertEquals(List.of("0", "1", "9223372036854775807", "9223372036854775808", "18446744073709551615"),
                rows("select id from u order by id"));
    }

    @Test
    void keyLookupsReachTheRightRows() {
        assertEquals("18446744073709551615|9223372036854775807", value("select id, v from u where id = 18446744073709551615"));
        assertTrue(tables.log.contains("get u " + Long.MAX_VALUE), tables.log.toString());
        assertEquals(List.of(), rows("select id from u where id = -1"));
        assertEquals(List.of(), rows("select id from u where id = 18446744073709551616"));
        assertEquals(List.of("9223372036854775808", "18446744073709551615"), rows("select id from u where id > 9223372036854775807"));
        assertTrue(tables.log.contains("scan u [0,+inf]"), tables.log.toString());
        assertEquals("1", value("select id from u where v = 18446744073709551615"));
        assertTrue(tables.log.contains("index u iv [18446744073709551615]"), tables.log.toString());
    }

    @Test
    void arithmeticIsUnsignedWhenAnOperandIs() {
        assertEquals("9223372036854775809|9223372036854775807|18446744073709551614",
                value("select v + 1, v - 1, (v - 1) * 2 from u where id = 9223372036854775807"));
        assertEquals("8", value("select v + s from u where id = 9223372036854775808"));
        StrataException e = assertThrows(StrataException.class, () -> rows("select v - 1 from u where id = 0"));
        assertEquals(1690, e.code().mysqlCode());
        assertTrue(e.getMessage().contains("BIGINT UNSIGNED value is out of range in '(0 - 1)'"), e.getMessage());
        assertEquals(1690, assertThrows(StrataException.class, () -> rows("select 18446744073709551615 + 1")).code().mysqlCode());
        assertEquals("36893488147419103231|7378697629483820646.2000|0|18446744073709551615",
                value("select sum(v), avg(id), min(v), max(v) from u"));
        assertEquals("-1|1", value("select -v + 0, abs(v) from u where id = 9223372036854775808"));
        assertEquals(1690, assertThrows(StrataException.class, () -> rows("select -v from u where id = 1")).code().mysqlCode());
    }

    @Test
    void castsWrapLikeMysql() {
        assertEquals("18446744073709551615|18446744073709551614|0|-1|18446744073709551615",
                value("select cast(-1 as unsigned), cast(-2 as unsigned), cast(-1.5 as unsigned), cast(18446744073709551615 as signed),"
                        + " cast('-1' as unsigned)"));
        assertTrue(ctx.warnings.stream().anyMatch(w -> w.contains("positive complement")), ctx.warnings.toString());
        assertEquals("18446744073709551615|255|9223372036854775808|1", value("select ~0, -1 & 255, 1 << 63, 18446744073709551615 >> 63"));
    }

    @Test
    void unsignedResultsAreDescribedAsUnsignedBigint() {
        try (QueryResult r = planner.query(PlannerFixture.parse("select v + 1 as a, v, cast(1 as unsigned) as c from u"), ctx)) {
            for (ColumnMeta m : r.columns()) {
                assertEquals(MysqlType.LONGLONG, m.type(), m.name());
                assertTrue((m.flags() & ColumnMeta.UNSIGNED_FLAG) != 0, m.name());
            }
        }
    }
}
