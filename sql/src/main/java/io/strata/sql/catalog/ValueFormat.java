package io.strata.sql.catalog;

import io.strata.optimizer.func.MysqlValues;
import io.strata.spi.session.MysqlText;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Values as MySQL prints them as text: in SHOW output, in error messages such as
 * {@code Duplicate entry '…'}, and in DEFAULT clauses. Temporal values use a space between date
 * and time and print fractional seconds only when present.
 */
public final class ValueFormat {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private ValueFormat() {
    }

    /** The text of a value, or null for NULL. */
    public static String toText(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Double d) {
            return formatDouble(d);
        }
        if (v instanceof Float f) {
            return formatDouble(f.doubleValue());
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof LocalDateTime dt) {
            return DATETIME.format(dt) + fraction(dt.getNano());
        }
        if (v instanceof LocalTime t) {
            return TIME.format(t) + fraction(t.getNano());
        }
        if (v instanceof Duration d) {
            return MysqlValues.formatTime(d);
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        return v.toString();
    }

    /** A temporal value with exactly {@code fsp} fractional digits, as a column of that precision shows it. */
    public static String toText(Object v, int fsp) {
        if (fsp > 0 && v instanceof LocalDateTime dt) {
            return DATETIME.format(dt) + "." + fixedFraction(dt.getNano(), fsp);
        }
        if (fsp > 0 && v instanceof LocalTime t) {
            return TIME.format(t) + "." + fixedFraction(t.getNano(), fsp);
        }
        if (v instanceof Duration d) {
            return MysqlText.formatTime(d, Math.max(0, Math.min(6, fsp)));
        }
        return toText(v);
    }

    private static String fraction(int nanos) {
        if (nanos == 0) {
            return "";
        }
        String s = String.format("%06d", nanos / 1000);
        int end = s.length();
        while (end > 1 && s.charAt(end - 1) == '0') {
            end--;
        }
        return "." + s.substring(0, end);
    }

    private static String fixedFraction(int nanos, int fsp) {
        return String.format("%06d", nanos / 1000).substring(0, Math.min(6, fsp));
    }

    private static String formatDouble(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
