package io.strata.sql.exec;

import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.TypeKind;
import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CoercionTest {
    private final List<String> warnings = new ArrayList<>();
    private final Coercion strict = new Coercion(true, (l, c, m) -> warnings.add(c + " " + m));
    private final Coercion lenient = new Coercion(false, (l, c, m) -> warnings.add(c + " " + m));

    private static ColumnDef col(ColumnType t) {
        return new ColumnDef(1, "c", t, true, false, null, null, null, false, "");
    }

    private static ColumnType t(TypeKind k, int len, int p, int s, boolean unsigned, String... elements) {
        return new ColumnType(k, len, p, s, unsigned, List.of(elements));
    }

    private void assertError(ErrorCode code, ColumnType type, Object value) {
        StrataException e = assertThrows(StrataException.class, () -> strict.coerce(col(type), value, 1));
        assertEquals(code.mysqlCode(), e.code().mysqlCode(), e.getMessage());
    }

    @Test
    void integers() {
        assertEquals(127L, strict.coerce(col(ColumnType.of(TypeKind.TINYINT)), 127L, 1));
        assertEquals(3L, strict.coerce(col(ColumnType.of(TypeKind.INT)), new BigDecimal("2.5"), 1));
        assertEquals(-3L, strict.coerce(col(ColumnType.of(TypeKind.INT)), -2.5d, 1));
        assertEquals(42L, strict.coerce(col(ColumnType.of(TypeKind.BIGINT)), " 42 ", 1));
        assertError(ErrorCode.WARN_DATA_OUT_OF_RANGE, ColumnType.of(TypeKind.TINYINT), 128L);
        assertError(ErrorCode.WARN_DATA_OUT_OF_RANGE, t(TypeKind.INT, -1, -1, -1, true), -1L);
        assertError(ErrorCode.TRUNCATED_WRONG_VALUE_FOR_FIELD, ColumnType.of(TypeKind.INT), "12abc");
        assertEquals(255L, lenient.coerce(col(t(TypeKind.TINYINT, -1, -1, -1, true)), 1000L, 1));
        assertEquals(12L, lenient.coerce(col(ColumnType.of(TypeKind.INT)), "12abc", 1));
        assertEquals(2, warnings.size());
        assertEquals(2024L, strict.coerce(col(ColumnType.of(TypeKind.YEAR)), 24L, 1));
    }

    @Test
    void decimalsAndDoubles() {
        ColumnType dec = t(TypeKind.DECIMAL, -1, 5, 2, false);
        assertEquals(new BigDecimal("123.46"), strict.coerce(col(dec), "123.455", 1));
        assertError(ErrorCode.WARN_DATA_OUT_OF_RANGE, dec, 1000L);
        assertEquals(new BigDecimal("999.99"), lenient.coerce(col(dec), 12345L, 1));
        assertEquals(1.5d, strict.coerce(col(ColumnType.of(TypeKind.DOUBLE)), new BigDecimal("1.5"), 1));
    }

    @Test
    void strings() {
        ColumnType v3 = t(TypeKind.VARCHAR, 3, -1, -1, false);
        assertEquals("abc", strict.coerce(col(v3), "abc", 1));
        assertEquals("abc", strict.coerce(col(v3), "abc   ", 1));
        assertEquals("日本語", strict.coerce(col(v3), "日本語", 1));
        assertError(ErrorCode.DATA_TOO_LONG, v3, "abcd");
        assertEquals("ab", lenient.coerce(col(t(TypeKind.CHAR, 2, -1, -1, false)), "abc", 1));
        assertEquals("12", strict.coerce(col(v3), 12L, 1));
        assertArrayEquals(new byte[]{'a', 0, 0}, (byte[]) strict.coerce(col(t(TypeKind.BINARY, 3, -1, -1, false)), "a", 1));
        ColumnType e = t(TypeKind.ENUM, -1, -1, -1, false, "small", "Large");
        assertEquals("Large", strict.coerce(col(e), "large", 1));
        assertEquals("small", strict.coerce(col(e), 1L, 1));
        assertError(ErrorCode.TRUNCATED_WRONG_VALUE_FOR_FIELD, e, "medium");
        ColumnType set = t(TypeKind.SET, -1, -1, -1, false, "a", "b", "c");
        assertEquals("a,c", strict.coerce(col(set), "c,a", 1));
    }

    @Test
    void temporal() {
        assertEquals(LocalDate.of(2020, 1, 2), strict.coerce(col(ColumnType.of(TypeKind.DATE)), "2020-01-02", 1));
        assertEquals(LocalDate.of(2020, 1, 2), strict.coerce(col(ColumnType.of(TypeKind.DATE)), 20200102L, 1));
        assertEquals(LocalDateTime.of(2020, 1, 2, 3, 4, 5), strict.coerce(col(ColumnType.of(TypeKind.DATETIME)), "2020-01-02 03:04:05.4", 1));
        assertEquals(LocalDateTime.of(2020, 1, 2, 3, 4, 5, 500_000_000),
                strict.coerce(col(t(TypeKind.DATETIME, -1, 1, -1, false)), "2020-01-02 03:04:05.46", 1));
        assertEquals(LocalDateTime.of(2020, 1, 2, 0, 0), strict.coerce(col(ColumnType.of(TypeKind.TIMESTAMP)), LocalDate.of(2020, 1, 2), 1));
        assertEquals(time(10, 11, 12, 0), strict.coerce(col(ColumnType.of(TypeKind.TIME)), "10:11:12", 1));
        assertError(ErrorCode.TRUNCATED_WRONG_VALUE, ColumnType.of(TypeKind.DATE), "2020-02-30");
        assertError(ErrorCode.TRUNCATED_WRONG_VALUE, ColumnType.of(TypeKind.DATETIME), "yesterday");
    }

    @Test
    void fractionalSecondsRoundHalfUpToTheColumnFsp() {
        ColumnType dt6 = t(TypeKind.DATETIME, -1, 6, -1, false);
        ColumnType dt3 = t(TypeKind.DATETIME, -1, 3, -1, false);
        assertEquals(LocalDateTime.of(2020, 1, 2, 3, 4, 5, 123_456_000), strict.coerce(col(dt6), "2020-01-02 03:04:05.1234564", 1));
        assertEquals(LocalDateTime.of(2020, 1, 2, 3, 4, 5, 124_000_000), strict.coerce(col(dt3), "2020-01-02 03:04:05.1235", 1));
        assertEquals(LocalDateTime.of(2020, 1, 2, 3, 4, 5, 123_000_000), strict.coerce(col(dt3), "2020-01-02 03:04:05.1234999", 1));
        // the carry reaches the next year
        assertEquals(LocalDateTime.of(2021, 1, 1, 0, 0), strict.coerce(col(dt3), "2020-12-31 23:59:59.9995", 1));
        assertEquals(LocalDateTime.of(2021, 1, 1, 0, 0), strict.coerce(col(ColumnType.of(TypeKind.TIMESTAMP)),
                LocalDateTime.of(2020, 12, 31, 23, 59, 59, 500_000_000), 1));
        assertEquals(time(10, 11, 12, 654_321), strict.coerce(col(t(TypeKind.TIME, -1, 6, -1, false)), "10:11:12.654321", 1));
        assertEquals(time(10, 11, 13, 0), strict.coerce(col(ColumnType.of(TypeKind.TIME)), "10:11:12.5", 1));
        assertEquals(time(-10, 11, 13, 0), strict.coerce(col(ColumnType.of(TypeKind.TIME)), "-10:11:12.5", 1));
    }

    private static Duration time(long h, long m, long s, long micros) {
        Duration d = Duration.ofHours(Math.abs(h)).plusMinutes(m).plusSeconds(s).plusNanos(micros * 1000);
        return h < 0 ? d.negated() : d;
    }

    @Test
    void timeRangesOverMysqlsWholeRange() {
        ColumnType time = ColumnType.of(TypeKind.TIME);
        assertEquals(time(838, 59, 59, 0), strict.coerce(col(time), "838:59:59", 1));
        assertEquals(time(-838, 59, 59, 0), strict.coerce(col(time), "-838:59:59", 1));
        assertEquals(time(34, 0, 0, 0), strict.coerce(col(time), "1 10:00:00", 1));
        assertEquals(time(0, 11, 12, 0), strict.coerce(col(time), "1112", 1));
        assertEquals(time(11, 12, 0, 0), strict.coerce(col(time), "11:12", 1));
        assertEquals(time(100, 0, 0, 0), strict.coerce(col(time), 1000000L, 1));
        assertEquals(time(3, 4, 5, 0), strict.coerce(col(time), LocalDateTime.of(2020, 1, 2, 3, 4, 5), 1));
        // beyond the range: an error in strict mode, else clipped with 1264
        assertError(ErrorCode.WARN_DATA_OUT_OF_RANGE, time, "839:00:00");
        assertEquals(time(-838, 59, 59, 0), lenient.coerce(col(time), "-900:00:00", 1));
        assertEquals(time(838, 59, 59, 0), lenient.coerce(col(time), Duration.ofHours(1000), 1));
        assertError(ErrorCode.TRUNCATED_WRONG_VALUE, time, "10:61:00");
        assertError(ErrorCode.TRUNCATED_WRONG_VALUE, time, "noon");
    }
}
