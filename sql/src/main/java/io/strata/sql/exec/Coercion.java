package io.strata.sql.exec;

import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.TypeKind;
import io.strata.optimizer.func.MysqlTemporals;
import io.strata.optimizer.func.MysqlValues;
import io.strata.sql.catalog.ValueFormat;
import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts a value to the Java type of a column (see {@code TypeKind}) the way MySQL stores it:
 * numbers are rounded to the column's scale, strings checked against the column's length,
 * temporal strings parsed, ENUM members matched.
 *
 * <p>In strict mode (STRICT_TRANS_TABLES, the default) a value that does not fit is an error
 * (1264 out of range, 1406 too long, 1366/1292 incorrect value); otherwise (INSERT IGNORE, or a
 * non-strict sql_mode) it is clamped or truncated and a warning is recorded, as MySQL does.
 * NULL passes through: whether a column may hold it depends on the statement (see callers).
 */
public final class Coercion {
    /** Receives warnings of non-strict conversions. */
    public interface Warnings {
        void warn(String level, int code, String message);
    }

    private static final int WARN_DATA_TRUNCATED = 1265;
    private static final Pattern DATETIME = Pattern.compile(
            "(\\d{2,4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?:[ T](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?)?)?");

    private final boolean strict;
    private final Warnings warnings;

    public Coercion(boolean strict, Warnings warnings) {
        this.strict = strict;
        this.warnings = warnings;
    }

    public boolean strict() {
        return strict;
    }

    /** The value as the column stores it; {@code row} is the 1-based row number for messages. */
    public Object coerce(ColumnDef column, Object value, int row) {
        if (value == null) {
            return null;
        }
        ColumnType t = column.type();
        TypeKind k = t.kind();
        if (k.isInteger()) {
            return toInteger(column, value, row);
        }
        if (k.isBinary()) {
            return toBinary(column, value, row);
        }
        return switch (k) {
            case DECIMAL -> toDecimal(column, value, row);
            case FLOAT, DOUBLE -> toDouble(column, value, row);
            case DATE, DATETIME, TIMESTAMP, TIME -> toTemporal(column, value, row);
            case ENUM, SET -> toEnum(column, value, row);
            default -> toText(column, value, row);
        };
    }

    /** The value an omitted NOT NULL column without default takes in non-strict mode. */
    public static Object implicitDefault(ColumnDef column) {
        TypeKind k = column.type().kind();
        if (k.isInteger()) {
            return 0L;
        }
        if (k.isBinary()) {
            return new byte[0];
        }
        return switch (k) {
            case DECIMAL -> BigDecimal.ZERO.setScale(Math.max(0, column.type().scale()));
            case FLOAT, DOUBLE -> 0.0d;
            case DATE -> LocalDate.of(1970, 1, 1);
            case DATETIME, TIMESTAMP -> LocalDateTime.of(1970, 1, 1, 0, 0);
            case TIME -> Duration.ZERO;
            case ENUM -> column.type().elements().isEmpty() ? "" : column.type().elements().get(0);
            default -> "";
        };
    }

    private StrataException outOfRange(ColumnDef c, int row) {
        return ErrorCode.WARN_DATA_OUT_OF_RANGE.error(c.name(), row);
    }

    private Object problem(StrataException error, int warnCode, String warnMessage, Object fallback) {
        if (strict) {
            throw error;
        }
        if (warnings != null) {
            warnings.warn("Warning", warnCode, warnMessage);
        }
        return fallback;
    }

    private Object rangeProblem(ColumnDef c, int row, Object clamped) {
        StrataException e = outOfRange(c, row);
        return problem(e, e.code().mysqlCode(), e.getMessage(), clamped);
    }

    private Object incorrect(ColumnDef c, String typeName, Object value, int row, Object fallback) {
        StrataException e = ErrorCode.TRUNCATED_WRONG_VALUE_FOR_FIELD.error(typeName, ValueFormat.toText(value), c.name(), row);
        return problem(e, e.code().mysqlCode(), e.getMessage(), fallback);
    }

    // ------------------------------------------------------------------ numbers

    private static BigDecimal numeric(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return null;
            }
            return BigDecimal.valueOf(d);
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        return null;
    }

    /** Parses the longest numeric prefix of a string, MySQL style; null if there is none. */
    private static BigDecimal parseNumberPrefix(String s) {
        Matcher m = Pattern.compile("^\\s*([+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)").matcher(s);
        return m.find() ? new BigDecimal(m.group(1)) : null;
    }

    private BigDecimal toNumber(ColumnDef c, Object value, int row, String typeName) {
        BigDecimal n = numeric(value);
        if (n != null) {
            return n;
        }
        String s = value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : ValueFormat.toText(value);
        if (value instanceof LocalDate || value instanceof LocalDateTime || value instanceof LocalTime || value instanceof Duration) {
            s = s.replaceAll("[-: ]", "");
        }
        String trimmed = s.trim();
        try {
            return new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            BigDecimal prefix = parseNumberPrefix(s);
            return (BigDecimal) incorrect(c, typeName, s, row, prefix == null ? BigDecimal.ZERO : prefix);
        }
    }

    private Object toInteger(ColumnDef c, Object value, int row) {
        ColumnType t = c.type();
        BigDecimal n = toNumber(c, value, row, "integer");
        BigInteger i = n.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
        if (t.kind() == TypeKind.YEAR) {
            long y = i.longValue();
            if (i.bitLength() < 63 && y >= 1 && y <= 69 && !(value instanceof String s && s.trim().length() == 4)) {
                y += 2000;
            } else if (i.bitLength() < 63 && y >= 70 && y <= 99) {
                y += 1900;
            }
            if (y != 0 && (y < 1901 || y > 2155)) {
                return rangeProblem(c, row, 0L);
            }
            return y;
        }
        BigInteger min;
        BigInteger max;
        if (t.kind() == TypeKind.BIT) {
            int bits = Math.max(1, t.length());
            min = BigInteger.ZERO;
            max = BigInteger.ONE.shiftLeft(Math.min(bits, 63)).subtract(BigInteger.ONE);
        } else {
            int bits = switch (t.kind()) {
                case TINYINT -> 8;
                case SMALLINT -> 16;
                case MEDIUMINT -> 24;
                case INT -> 32;
                default -> 64;
            };
            if (t.unsigned()) {
                min = BigInteger.ZERO;
                max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
            } else {
                min = BigInteger.ONE.shiftLeft(bits - 1).negate();
                max = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
            }
        }
        if (i.compareTo(min) < 0) {
            return rangeProblem(c, row, min.longValue());
        }
        if (i.compareTo(max) > 0) {
            return rangeProblem(c, row, integerValue(max));
        }
        return integerValue(i);
    }

    /** An integer column's value: a Long, or for BIGINT UNSIGNED above 2^63-1 a BigInteger. */
    private static Object integerValue(BigInteger i) {
        return i.bitLength() < 64 ? (Object) i.longValue() : MysqlValues.unsigned(i);
    }

    private Object toDecimal(ColumnDef c, Object value, int row) {
        ColumnType t = c.type();
        int precision = t.precision() > 0 ? t.precision() : 10;
        int scale = Math.max(0, t.scale());
        BigDecimal n = toNumber(c, value, row, "decimal").setScale(scale, RoundingMode.HALF_UP);
        BigDecimal limit = BigDecimal.ONE.movePointRight(precision - scale);
        BigDecimal max = limit.subtract(BigDecimal.ONE.movePointLeft(scale)).setScale(scale, RoundingMode.UNNECESSARY);
        if (t.unsigned() && n.signum() < 0) {
            return rangeProblem(c, row, BigDecimal.ZERO.setScale(scale));
        }
        if (n.abs().compareTo(limit) >= 0 || n.abs().compareTo(max) > 0) {
            return rangeProblem(c, row, n.signum() < 0 ? max.negate() : max);
        }
        return n;
    }

    private Object toDouble(ColumnDef c, Object value, int row) {
        double d;
        if (value instanceof Double || value instanceof Float) {
            d = ((Number) value).doubleValue();
        } else {
            d = toNumber(c, value, row, "double").doubleValue();
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return incorrect(c, "double", value, row, 0.0d);
        }
        if (c.type().kind() == TypeKind.FLOAT && Math.abs(d) > Float.MAX_VALUE) {
            return rangeProblem(c, row, Math.copySign((double) Float.MAX_VALUE, d));
        }
        if (c.type().unsigned() && d < 0) {
            return rangeProblem(c, row, 0.0d);
        }
        if (c.type().scale() >= 0 && c.type().precision() > 0) {
            d = BigDecimal.valueOf(d).setScale(c.type().scale(), RoundingMode.HALF_UP).doubleValue();
        }
        return d;
    }

    // ------------------------------------------------------------------ strings

    private static String text(Object value) {
        if (value instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return ValueFormat.toText(value);
    }

    private Object toText(ColumnDef c, Object value, int row) {
        String s = text(value);
        ColumnType t = c.type();
        long max = switch (t.kind()) {
            case CHAR, VARCHAR -> Math.max(0, t.length());
            case TINYTEXT -> 255;
            case TEXT -> 65535;
            case MEDIUMTEXT -> 16777215;
            default -> Long.MAX_VALUE;
        };
        boolean charLimit = t.kind() == TypeKind.CHAR || t.kind() == TypeKind.VARCHAR;
        long len = charLimit ? s.codePointCount(0, s.length()) : s.getBytes(StandardCharsets.UTF_8).length;
        if (len > max) {
            String cut = charLimit ? s.substring(0, s.offsetByCodePoints(0, (int) max)) : truncateBytes(s, (int) max);
            // MySQL ignores trailing spaces that do not fit (they carry no information in PAD SPACE)
            if (charLimit && s.substring(cut.length()).isBlank()) {
                return cut;
            }
            return problem(ErrorCode.DATA_TOO_LONG.error(c.name(), row), WARN_DATA_TRUNCATED,
                    "Data truncated for column '" + c.name() + "' at row " + row, cut);
        }
        return s;
    }

    private static String truncateBytes(String s, int maxBytes) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        String cut = new String(b, 0, maxBytes, StandardCharsets.UTF_8);
        while (cut.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }

    private Object toBinary(ColumnDef c, Object value, int row) {
        byte[] b = value instanceof byte[] x ? x.clone() : text(value).getBytes(StandardCharsets.UTF_8);
        ColumnType t = c.type();
        long max = switch (t.kind()) {
            case BINARY, VARBINARY -> Math.max(0, t.length());
            case TINYBLOB -> 255;
            case BLOB -> 65535;
            case MEDIUMBLOB -> 16777215;
            default -> Long.MAX_VALUE;
        };
        if (b.length > max) {
            byte[] cut = java.util.Arrays.copyOf(b, (int) max);
            b = (byte[]) problem(ErrorCode.DATA_TOO_LONG.error(c.name(), row), WARN_DATA_TRUNCATED,
                    "Data truncated for column '" + c.name() + "' at row " + row, cut);
        }
        if (t.kind() == TypeKind.BINARY && b.length < max) {
            b = java.util.Arrays.copyOf(b, (int) max);
        }
        return b;
    }

    private Object toEnum(ColumnDef c, Object value, int row) {
        List<String> elements = c.type().elements();
        if (c.type().kind() == TypeKind.ENUM) {
            String m = enumMember(elements, value);
            if (m == null) {
                return incorrect(c, "enum", value, row, "");
            }
            return m;
        }
        String s = text(value);
        if (s.isEmpty()) {
            return "";
        }
        List<String> members = new ArrayList<>();
        for (String part : s.split(",", -1)) {
            String m = enumMember(elements, part);
            if (m == null) {
                return incorrect(c, "set", value, row, "");
            }
            if (!members.contains(m)) {
                members.add(m);
            }
        }
        members.sort(java.util.Comparator.comparingInt(elements::indexOf));
        return String.join(",", members);
    }

    private static String enumMember(List<String> elements, Object value) {
        if (value instanceof Long || value instanceof Integer) {
            long i = ((Number) value).longValue();
            return i >= 1 && i <= elements.size() ? elements.get((int) i - 1) : null;
        }
        String s = text(value);
        for (String e : elements) {
            if (e.equalsIgnoreCase(s) || e.equalsIgnoreCase(s.stripTrailing())) {
                return e;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ temporal

    private Object toTemporal(ColumnDef c, Object value, int row) {
        TypeKind k = c.type().kind();
        int fsp = Math.max(0, c.type().precision());
        if (k == TypeKind.TIME) {
            return toTime(c, value, row, fsp);
        }
        String typeName = switch (k) {
            case DATE -> "date";
            case TIME -> "time";
            default -> "datetime";
        };
        Object parsed = parseTemporal(k, value);
        if (parsed == null) {
            StrataException e = new StrataException(ErrorCode.TRUNCATED_WRONG_VALUE, String.format(Locale.ROOT,
                    "Incorrect %s value: '%s' for column '%s' at row %d", typeName, text(value), c.name(), row));
            return problem(e, e.code().mysqlCode(), e.getMessage(), implicitDefault(c));
        }
        if (parsed instanceof LocalDateTime dt) {
            return MysqlTemporals.round(dt, fsp);
        }
        return parsed;
    }

    /**
     * A TIME column's value, a {@link Duration}: beyond ±838:59:59 it is clipped to the range
     * (1264, an error in strict mode), then rounded to the column's fsp.
     */
    private Object toTime(ColumnDef c, Object value, int row, int fsp) {
        Long micros = timeMicros(value);
        if (micros == null) {
            StrataException e = new StrataException(ErrorCode.TRUNCATED_WRONG_VALUE, String.format(Locale.ROOT,
                    "Incorrect time value: '%s' for column '%s' at row %d", text(value), c.name(), row));
            return problem(e, e.code().mysqlCode(), e.getMessage(), implicitDefault(c));
        }
        if (Math.abs(micros) > MysqlTemporals.TIME_MAX_MICROS) {
            return rangeProblem(c, row, MysqlTemporals.timeOfMicros(micros < 0 ? -MysqlTemporals.TIME_MAX_MICROS
                    : MysqlTemporals.TIME_MAX_MICROS));
        }
        return MysqlTemporals.round(MysqlTemporals.timeOfMicros(micros), fsp);
    }

    /** Signed microseconds of a value read as a TIME, unclipped; null when it is no TIME. */
    private static Long timeMicros(Object value) {
        if (value instanceof Duration d) {
            return MysqlTemporals.micros(d);
        }
        if (value instanceof LocalTime t) {
            return t.toNanoOfDay() / 1000;
        }
        if (value instanceof LocalDateTime dt) {
            return dt.toLocalTime().toNanoOfDay() / 1000;
        }
        if (value instanceof LocalDate) {
            return 0L;
        }
        return MysqlTemporals.parseTimeMicros(value instanceof BigDecimal d ? d.toPlainString() : text(value));
    }

    /** The value as the temporal kind, or null when it is not a valid value of that kind. */
    static Object parseTemporal(TypeKind k, Object value) {
        try {
            if (value instanceof LocalDateTime dt) {
                return k == TypeKind.DATE ? dt.toLocalDate() : dt;
            }
            if (value instanceof LocalDate d) {
                return k == TypeKind.DATE ? d : d.atStartOfDay();
            }
            if (value instanceof LocalTime || value instanceof Duration) {
                // a TIME as a date or datetime: that time on the current day
                LocalDateTime dt = LocalDate.now().atStartOfDay().plusNanos(
                        value instanceof LocalTime t ? t.toNanoOfDay() : ((Duration) value).toNanos());
                return k == TypeKind.DATE ? dt.toLocalDate() : dt;
            }
            if (value instanceof Number n) {
                return fromDigits(k, n.toString());
            }
            String s = text(value).trim();
            Matcher m = DATETIME.matcher(s);
            if (m.matches()) {
                LocalDateTime dt = dateTime(m);
                return k == TypeKind.DATE ? dt.toLocalDate() : dt;
            }
            return fromDigits(k, s);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static LocalDateTime dateTime(Matcher m) {
        int year = Integer.parseInt(m.group(1));
        if (m.group(1).length() == 2) {
            year += year < 70 ? 2000 : 1900;
        }
        LocalDate date = LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        if (m.group(4) == null) {
            return date.atStartOfDay();
        }
        return date.atTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos(m.group(7)));
    }

    private static int nanos(String fraction) {
        if (fraction == null || fraction.isEmpty()) {
            return 0;
        }
        String f = (fraction + "000000000").substring(0, 9);
        return Integer.parseInt(f);
    }

    /** YYYYMMDD and YYYYMMDDHHMMSS[.f] forms. */
    private static Object fromDigits(TypeKind k, String s) {
        String frac = null;
        int dot = s.indexOf('.');
        if (dot >= 0) {
            frac = s.substring(dot + 1);
            s = s.substring(0, dot);
        }
        if (!s.matches("\\d+")) {
            return null;
        }
        if (s.length() == 8 || s.length() == 14) {
            LocalDate d = LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
                    Integer.parseInt(s.substring(6, 8)));
            if (k == TypeKind.DATE) {
                return d;
            }
            if (s.length() == 8) {
                return d.atStartOfDay();
            }
            return d.atTime(Integer.parseInt(s.substring(8, 10)), Integer.parseInt(s.substring(10, 12)),
                    Integer.parseInt(s.substring(12, 14)), nanos(frac));
        }
        return null;
    }
}
