package io.strata.optimizer.func;

import io.strata.optimizer.exec.StatementContext;
import io.strata.spi.ErrorCode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Arrays;

/**
 * MySQL's implicit conversions between the engine's Java values (see {@code TypeKind}): Long,
 * BigDecimal, Double, String, byte[], LocalDate, LocalDateTime, LocalTime, and null. Booleans are
 * MySQL integers (1/0) and are accepted wherever a number is.
 *
 * <p>Conversions follow MySQL's lenient rules: a string in numeric context is read as the
 * longest numeric prefix ({@code '12abc'} is 12, {@code 'abc'} is 0) and, when anything had to be
 * dropped, a warning 1292 "Truncated incorrect DOUBLE value" is added to the statement. Temporal
 * values in numeric context are their digit forms (2024-01-02 is 20240102).
 */
public final class MysqlValues {
    private MysqlValues() {
    }

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** The largest BIGINT UNSIGNED, 2^64-1. */
    public static final BigDecimal UNSIGNED_MAX = new BigDecimal(TWO_64.subtract(BigInteger.ONE));

    /**
     * A BIGINT UNSIGNED value as the engine holds it: a Long up to 2^63-1 (so the common values
     * cost what signed ones do), a BigInteger above. {@code v} must lie in 0 … 2^64-1.
     */
    public static Object unsigned(BigInteger v) {
        return v.compareTo(LONG_MAX) <= 0 ? (Object) v.longValue() : v;
    }

    /** The BIGINT UNSIGNED value whose 64 bits are {@code bits} (two's complement read as unsigned). */
    public static Object unsignedOfBits(long bits) {
        return bits >= 0 ? (Object) bits : BigInteger.valueOf(bits).add(TWO_64);
    }

    /** The 64 bits of a BIGINT UNSIGNED (or BIGINT) value: 2^64-1 and -1 have the same bits. */
    public static long bitsOf(Object v, StatementContext ctx) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof BigInteger bi) {
            return bi.longValue();
        }
        BigDecimal d = toDecimal(v, ctx);
        if (d.signum() >= 0 && d.compareTo(UNSIGNED_MAX) > 0) {
            return -1L;
        }
        BigInteger i = d.setScale(0, RoundingMode.HALF_UP).toBigInteger();
        return i.bitLength() > 63 && i.signum() < 0 ? Long.MIN_VALUE : i.longValue();
    }

    /**
     * An exact integer result of unsigned arithmetic as a BIGINT UNSIGNED value; outside
     * 0 … 2^64-1 it is error 1690 naming {@code expression}.
     */
    public static Object unsignedResult(BigDecimal d, String expression) {
        if (d.signum() < 0 || d.compareTo(UNSIGNED_MAX) > 0) {
            throw ErrorCode.DATA_OUT_OF_RANGE.error("BIGINT UNSIGNED", expression);
        }
        return unsigned(d.setScale(0, RoundingMode.DOWN).toBigInteger());
    }

    /** A BIGINT UNSIGNED value as an exact decimal (how Calcite holds it). */
    public static BigDecimal unsignedToDecimal(Object v) {
        return v instanceof Long l ? BigDecimal.valueOf(l) : new BigDecimal((BigInteger) v);
    }

    private static final DateTimeFormatter DATETIME_OUT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true).optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter TIME_OUT = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true).optionalEnd()
            .toFormatter();

    public static boolean isNumeric(Object v) {
        return v instanceof Long || v instanceof BigDecimal || v instanceof Double || v instanceof Integer
                || v instanceof Float || v instanceof Boolean || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger;
    }

    /** The value as a MySQL string (CAST AS CHAR, CONCAT, …). */
    public static String toStr(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Double || v instanceof Float) {
            return formatDouble(((Number) v).doubleValue());
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (v instanceof LocalDateTime t) {
            return DATETIME_OUT.format(t);
        }
        if (v instanceof LocalTime t) {
            return TIME_OUT.format(t);
        }
        if (v instanceof Duration d) {
            return formatTime(d);
        }
        return v.toString();
    }

    /** A TIME as MySQL prints it: {@code [-]hh:mm:ss[.ffffff]}, hours past 99 as they are, the fraction only when not zero. */
    public static String formatTime(Duration d) {
        long micros = MysqlTemporals.micros(d);
        long abs = Math.abs(micros);
        long secs = abs / 1_000_000L;
        StringBuilder sb = new StringBuilder(16);
        if (micros < 0) {
            sb.append('-');
        }
        long h = secs / 3600;
        sb.append(h < 10 ? "0" : "").append(h).append(':');
        long m = secs / 60 % 60;
        sb.append(m < 10 ? "0" : "").append(m).append(':');
        long s = secs % 60;
        sb.append(s < 10 ? "0" : "").append(s);
        long f = abs % 1_000_000L;
        if (f != 0) {
            String six = Long.toString(1_000_000L + f).substring(1);
            int end = six.length();
            while (six.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(six, 0, end);
        }
        return sb.toString();
    }

    /** Doubles as MySQL prints them: shortest round-trip digits, no trailing ".0", exponent past 1e15. */
    public static String formatDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = Double.toString(d);
        if (s.contains("E")) {
            BigDecimal bd = new BigDecimal(s);
            if (Math.abs(d) >= 1e-5 && Math.abs(d) < 1e15) {
                return bd.stripTrailingZeros().toPlainString();
            }
            String m = s.substring(0, s.indexOf('E'));
            String e = s.substring(s.indexOf('E') + 1);
            if (m.endsWith(".0")) {
                m = m.substring(0, m.length() - 2);
            }
            return m + "e" + (e.startsWith("-") ? e : "+" + e);
        }
        return s;
    }

    /** Truthiness of a value in a boolean context (WHERE, AND, IF): NULL stays NULL, 0 is false. */
    public static Boolean truth(Object v, StatementContext ctx) {
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        if (v instanceof BigDecimal d) {
            return d.signum() != 0;
        }
        return toDouble(v, ctx) != 0.0;
    }

    /** The value as a double (MySQL's DOUBLE context); null for NULL. */
    public static Double toDouble(Object v, StatementContext ctx) {
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            return parseDoublePrefix(s, ctx);
        }
        if (v instanceof byte[] b) {
            return parseDoublePrefix(new String(b, StandardCharsets.UTF_8), ctx);
        }
        return temporalNumber(v).doubleValue();
    }

    /** The value as an exact decimal; doubles and strings are converted through their digits. */
    public static BigDecimal toDecimal(Object v, StatementContext ctx) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger bi) {
            return new BigDecimal(bi);
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return null;
            }
            return new BigDecimal(formatDouble(d).replace("e", "E"));
        }
        if (v instanceof String || v instanceof byte[]) {
            String s = toStr(v).trim();
            String prefix = numericPrefix(s);
            if (prefix.length() != s.length()) {
                truncatedWarning(ctx, "DECIMAL", s);
            }
            if (prefix.isEmpty() || prefix.equals("-") || prefix.equals("+") || prefix.equals(".")) {
                return BigDecimal.ZERO;
            }
            try {
                return new BigDecimal(prefix);
            } catch (NumberFormatException e) {
                return BigDecimal.ZERO;
            }
        }
        return new BigDecimal(temporalNumber(v));
    }

    /**
     * The value as a BIGINT: decimals and doubles round half away from zero (MySQL's CAST AS
     * SIGNED), values beyond the range are an error 1690.
     */
    public static Long toLong(Object v, StatementContext ctx) {
        if (v == null) {
            return null;
        }
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (v instanceof BigDecimal d) {
            return longOf(d.setScale(0, RoundingMode.HALF_UP), d.toPlainString());
        }
        if (v instanceof BigInteger bi) {
            return longOf(new BigDecimal(bi), bi.toString());
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                return 0L;
            }
            if (Double.isInfinite(d)) {
                throw ErrorCode.DATA_OUT_OF_RANGE.error("BIGINT", formatDouble(d));
            }
            return longOf(new BigDecimal(d).setScale(0, RoundingMode.HALF_UP), formatDouble(d));
        }
        if (v instanceof String || v instanceof byte[]) {
            String s = toStr(v).trim();
            String prefix = integerPrefix(s);
            if (prefix.length() != s.length()) {
                // a string like '1.5' read as an integer: MySQL reads the number then rounds
                BigDecimal d = toDecimal(v, ctx);
                return longOf(d.setScale(0, RoundingMode.HALF_UP), s);
            }
            if (prefix.isEmpty() || prefix.equals("-") || prefix.equals("+")) {
                return 0L;
            }
            return longOf(new BigDecimal(prefix), s);
        }
        return temporalNumber(v).longValue();
    }

    private static long longOf(BigDecimal d, String text) {
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            throw ErrorCode.DATA_OUT_OF_RANGE.error("BIGINT", text);
        }
    }

    /** 2024-01-02 → 20240102, 2024-01-02 03:04:05 → 20240102030405, 03:04:05 → 30405. */
    static BigInteger temporalNumber(Object v) {
        if (v instanceof LocalDate d) {
            return BigInteger.valueOf(d.getYear() * 10000L + d.getMonthValue() * 100L + d.getDayOfMonth());
        }
        if (v instanceof LocalDateTime t) {
            return BigInteger.valueOf((t.getYear() * 10000L + t.getMonthValue() * 100L + t.getDayOfMonth()) * 1000000L
                    + t.getHour() * 10000L + t.getMinute() * 100L + t.getSecond());
        }
        if (v instanceof LocalTime t) {
            return BigInteger.valueOf(t.getHour() * 10000L + t.getMinute() * 100L + t.getSecond());
        }
        if (v instanceof Duration d) {
            long secs = Math.abs(d.getSeconds() + (d.isNegative() && d.getNano() > 0 ? 1 : 0));
            long n = secs / 3600 * 10000 + secs / 60 % 60 * 100 + secs % 60;
            return BigInteger.valueOf(d.isNegative() ? -n : n);
        }
        throw ErrorCode.INTERNAL.error("cannot convert " + v.getClass().getSimpleName() + " to a number");
    }

    private static Double parseDoublePrefix(String raw, StatementContext ctx) {
        String s = raw.trim();
        String prefix = numericPrefix(s);
        if (prefix.length() != s.length()) {
            truncatedWarning(ctx, "DOUBLE", raw);
        }
        if (prefix.isEmpty() || prefix.equals("-") || prefix.equals("+") || prefix.equals(".")) {
            return 0.0;
        }
        try {
            return Double.parseDouble(prefix);
        } catch (NumberFormatException e) {
            return 0.0;
        }
    }

    static void truncatedWarning(StatementContext ctx, String type, String value) {
        if (ctx != null) {
            ctx.warn("Warning", ErrorCode.TRUNCATED_WRONG_VALUE.mysqlCode(), ErrorCode.TRUNCATED_WRONG_VALUE.format(type, value));
        }
    }

    /** Longest prefix of s that reads as a decimal number with optional exponent. */
    static String numericPrefix(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            int j = i + 1;
            int frac = 0;
            while (j < n && Character.isDigit(s.charAt(j))) {
                j++;
                frac++;
            }
            if (digits + frac > 0) {
                i = j;
                digits += frac;
            }
        }
        if (digits > 0 && i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            int exp = 0;
            while (j < n && Character.isDigit(s.charAt(j))) {
                j++;
                exp++;
            }
            if (exp > 0) {
                i = j;
            }
        }
        return digits == 0 ? "" : s.substring(0, i);
    }

    static String integerPrefix(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int start = i;
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i == start ? "" : s.substring(0, i);
    }

    /**
     * Compares two non-null values the MySQL way: numbers numerically, a number and a string as
     * doubles, strings as binary (case-sensitive; Strata has no collations yet, like the index
     * codec), temporals with temporals or with their string forms.
     */
    public static int compare(Object a, Object b, StatementContext ctx) {
        if (a instanceof Boolean x) {
            a = x ? 1L : 0L;
        }
        if (b instanceof Boolean x) {
            b = x ? 1L : 0L;
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (isNumeric(a) && isNumeric(b)) {
            if (a instanceof Double || b instanceof Double || a instanceof Float || b instanceof Float) {
                return Double.compare(toDouble(a, ctx), toDouble(b, ctx));
            }
            return toDecimal(a, ctx).compareTo(toDecimal(b, ctx));
        }
        if (isNumeric(a) || isNumeric(b)) {
            if (isTemporal(a) || isTemporal(b)) {
                return toDecimal(a, ctx).compareTo(toDecimal(b, ctx));
            }
            return Double.compare(toDouble(a, ctx), toDouble(b, ctx));
        }
        if (isTemporal(a) || isTemporal(b)) {
            Object x = isTemporal(a) ? a : b;
            Object other = x == a ? b : a;
            Object y = MysqlTemporals.coerceLike(other, x, ctx);
            int c;
            if (y == null) {
                c = toStr(a).compareTo(toStr(b));
                return c;
            }
            c = compareTemporal(x, y);
            return x == a ? c : -c;
        }
        if (a instanceof byte[] || b instanceof byte[]) {
            return Arrays.compareUnsigned(toBytes(a), toBytes(b));
        }
        return compareBinary(toStr(a), toStr(b));
    }

    private static int compareTemporal(Object x, Object y) {
        if (x instanceof LocalDate d1 && y instanceof LocalDate d2) {
            return d1.compareTo(d2);
        }
        if (x instanceof Duration t1 && y instanceof Duration t2) {
            return t1.compareTo(t2);
        }
        return MysqlTemporals.toDateTime(x).compareTo(MysqlTemporals.toDateTime(y));
    }

    /** Binary comparison of strings: by UTF-8 bytes, which for valid strings is code-point order. */
    public static int compareBinary(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(i);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
        }
        return Integer.compare(a.length(), b.length());
    }

    public static boolean isTemporal(Object v) {
        return v instanceof LocalDate || v instanceof LocalDateTime || v instanceof LocalTime || v instanceof Duration;
    }

    public static byte[] toBytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        return toStr(v).getBytes(StandardCharsets.UTF_8);
    }
}
