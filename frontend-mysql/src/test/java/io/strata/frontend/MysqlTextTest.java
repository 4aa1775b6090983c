package io.strata.frontend;

import io.strata.spi.session.MysqlText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Text forms as MySQL 8 prints them (layout rules of MySQL's my_gcvt, see MysqlText). */
class MysqlTextTest {
    @ParameterizedTest
    @CsvSource({
            "1e20, 1e20",
            "0.1, 0.1",
            "123456789012345678, 1.2345678901234568e17",
            "100, 100",
            "-1.5, -1.5",
            "123.456, 123.456",
            "1e15, 1e15",
            "1e14, 100000000000000",
            "9007199254740992, 9.007199254740992e15",
            "1234567890123.5, 1234567890123.5",
            "1e-15, 0.000000000000001",
            "1e-16, 1e-16",
            "0.00012, 0.00012",
            "2.5e-7, 0.00000025",
            "1.7976931348623157e308, 1.7976931348623157e308",
            "4.9e-324, 5e-324",
            "-2.2250738585072014e-308, -2.2250738585072014e-308",
            "0.3333333333333333, 0.3333333333333333",
    })
    void doubles(double value, String expected) {
        assertEquals(expected, MysqlText.formatDouble(value));
    }

    @Test
    void doubleEdgeCases() {
        assertEquals("0.30000000000000004", MysqlText.formatDouble(0.1 + 0.2));
        assertEquals("-0", MysqlText.formatDouble(-0.0));
        assertEquals("0", MysqlText.formatDouble(0.0));
        // Java 17's Double.toString says "0.002" as "0.002" but 2e-3 style inputs must not leak "E".
        assertEquals("0.002", MysqlText.formatDouble(2e-3));
        // Java 17's Double.toString(2.0E-44-ish) may carry a digit too many (JDK-4511638); shortest wins.
        assertEquals("2e-44", MysqlText.formatDouble(2e-44));
        assertEquals("1e23", MysqlText.formatDouble(1e23));
        assertEquals("0", MysqlText.formatDouble(Double.NaN));
    }

    @ParameterizedTest
    @CsvSource({
            "1.2345678, 1.23457",
            "0.1, 0.1",
            "1.5, 1.5",
            "16777216, 16777200",
            "3.4028235e38, 3.40282e38",
            "-0.000001, -0.000001",
    })
    void floats(float value, String expected) {
        assertEquals(expected, MysqlText.formatFloat(value));
    }

    @Test
    void fixedDecimals() {
        assertEquals("1.50", MysqlText.toText(1.5d, 2));
        assertEquals("2", MysqlText.toText(1.5d, 0));
        assertEquals("1.00", MysqlText.toText(1.005d, 2), "1.005 is 1.00499999999999989... in binary");
        assertEquals("-3.1416", MysqlText.toText(-3.14159265d, 4));
        assertEquals("-0.00", MysqlText.toText(-0.001d, 2));
        assertEquals("-0.0", MysqlText.toText(-0.0d, 1));
        assertEquals("1.2346", MysqlText.toText(1.23456f, 4));
        assertEquals("100000000000000000000.0", MysqlText.toText(1e20d, 1));
        assertEquals("0.1", MysqlText.toText(0.1d, MysqlText.NOT_FIXED_DEC));
    }

    @Test
    void numbersAndStrings() {
        assertEquals("42", MysqlText.toText(42L, 0));
        assertEquals("-7", MysqlText.toText(-7, 0));
        assertEquals("18446744073709551615", MysqlText.toText(new BigInteger("18446744073709551615"), 0));
        assertEquals("0.00000001", MysqlText.toText(new BigDecimal("1E-8"), 8));
        assertEquals("100000000000000000000", MysqlText.toText(new BigDecimal("1E+20"), 0));
        assertEquals("12.30", MysqlText.toText(new BigDecimal("12.30"), 2));
        assertEquals("1", MysqlText.toText(true, 0));
        assertEquals("0", MysqlText.toText(false, 0));
        assertEquals("héllo", MysqlText.toText("héllo", 0));
        assertNull(MysqlText.toText(null, 0));
        assertNull(MysqlText.toBytes(null, 0));
        byte[] raw = {(byte) 0xff, 0, 1};
        assertSame(raw, MysqlText.toBytes(raw, 0));
        assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), MysqlText.toBytes("héllo", 0));
    }

    @Test
    void temporal() {
        assertEquals("2024-01-05", MysqlText.toText(LocalDate.of(2024, 1, 5), 0));
        assertEquals("0099-12-31", MysqlText.toText(LocalDate.of(99, 12, 31), 0));
        LocalDateTime dt = LocalDateTime.of(2024, 1, 5, 10, 20, 30, 123_456_789);
        assertEquals("2024-01-05 10:20:30", MysqlText.toText(dt, 0));
        assertEquals("2024-01-05 10:20:30.1", MysqlText.toText(dt, 1));
        assertEquals("2024-01-05 10:20:30.123", MysqlText.toText(dt, 3));
        assertEquals("2024-01-05 10:20:30.123456", MysqlText.toText(dt, 6));
        assertEquals("2024-01-05 10:20:30.123456", MysqlText.toText(dt, MysqlText.NOT_FIXED_DEC));
        assertEquals("2024-01-05 10:20:30", MysqlText.toText(dt.withNano(0), MysqlText.NOT_FIXED_DEC));
        assertEquals("2024-01-05 10:20:30.000000", MysqlText.toText(dt.withNano(0), 6));
        assertEquals("10:20:30", MysqlText.toText(LocalTime.of(10, 20, 30), 0));
        assertEquals("00:00:01.50", MysqlText.toText(LocalTime.of(0, 0, 1, 500_000_000), 2));
        assertEquals("838:59:59", MysqlText.toText(Duration.ofHours(838).plusMinutes(59).plusSeconds(59), 0));
        assertEquals("-01:02:03", MysqlText.toText(Duration.ofSeconds(-3723), 0));
    }
}
