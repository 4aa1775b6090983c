package io.strata.optimizer.func;

import io.strata.optimizer.exec.StatementContext;
import io.strata.spi.ErrorCode;
import io.strata.spi.codec.MemComparable;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.WeekFields;
import java.util.Locale;

/**
 * Date and time handling with MySQL's rules: lenient parsing of strings ('2024-1-2',
 * '20240102', '2024-01-02 03:04:05.123'), DATE_FORMAT / STR_TO_DATE format specifiers, and
 * interval arithmetic where adding months clamps to the end of the month.
 *
 * <p>Unparseable strings give NULL plus a warning 1292, as MySQL does outside strict DML.
 */
public final class MysqlTemporals {
    private MysqlTemporals() {
    }

    /** Converts {@code other} to the temporal class of {@code like} for comparison, or null if it does not parse. */
    static Object coerceLike(Object other, Object like, StatementContext ctx) {
        if (like instanceof LocalDate && other instanceof LocalDate) {
            return other;
        }
        if (like instanceof Duration) {
            return toTime(other, ctx);
        }
        if (other instanceof LocalDate d && like instanceof LocalDateTime) {
            return d.atStartOfDay();
        }
        if (other instanceof LocalDateTime || other instanceof LocalDate) {
            return other;
        }
        String s = MysqlValues.toStr(other);
        LocalDateTime dt = parseDateTime(s);
        if (dt == null) {
            return null;
        }
        if (like instanceof LocalDate && dt.toLocalTime().equals(LocalTime.MIDNIGHT) && s.trim().length() <= 10) {
            return dt.toLocalDate();
        }
        return dt;
    }

    static LocalDateTime toDateTime(Object v) {
        if (v instanceof LocalDateTime t) {
            return t;
        }
        if (v instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        if (v instanceof Duration d) {
            return LocalDate.of(1970, 1, 1).atStartOfDay().plus(d);
        }
        if (v instanceof LocalTime t) {
            return LocalDate.of(1970, 1, 1).atTime(t);
        }
        return parseDateTime(MysqlValues.toStr(v));
    }

    /** DATE(x) / CAST(x AS DATE). */
    public static LocalDate toDate(Object v, StatementContext ctx) {
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        if (v instanceof Duration || v instanceof LocalTime) {
            LocalDateTime t = toDateTime(v, ctx);
            return t == null ? null : t.toLocalDate();
        }
        LocalDateTime dt = v instanceof Long l ? parseDateTime(Long.toString(l)) : parseDateTime(MysqlValues.toStr(v));
        if (dt == null) {
            MysqlValues.truncatedWarning(ctx, "datetime", MysqlValues.toStr(v));
            return null;
        }
        return dt.toLocalDate();
    }

    /** CAST(x AS DATETIME) and every function that takes a datetime. */
    public static LocalDateTime toDateTime(Object v, StatementContext ctx) {
        if (v == null) {
            return null;
        }
        // a TIME is a time on the current day (and may run into other days)
        if (v instanceof Duration d && ctx != null) {
            return ctx.statementTime().toLocalDate().atStartOfDay().plus(d);
        }
        if (v instanceof LocalTime t && ctx != null) {
            return ctx.statementTime().toLocalDate().atTime(t);
        }
        LocalDateTime dt = v instanceof Long l ? parseDateTime(Long.toString(l)) : toDateTime(v);
        if (dt == null) {
            MysqlValues.truncatedWarning(ctx, "datetime", MysqlValues.toStr(v));
        }
        return dt;
    }

    /** The largest TIME, 838:59:59, in microseconds (the smallest is its negation). */
    public static final long TIME_MAX_MICROS = (838L * 3600 + 59 * 60 + 59) * 1_000_000L;

    /** A TIME value (the engine holds TIME as a {@link Duration}) from signed microseconds. */
    public static Duration timeOfMicros(long micros) {
        return MemComparable.microsToTime(micros);
    }

    /** Signed microseconds of a TIME value. */
    public static long micros(Duration d) {
        return MemComparable.timeToMicros(d);
    }

    /**
     * CAST(x AS TIME) and every function that takes a TIME: a {@link Duration} within
     * ±838:59:59. A value beyond the range is clipped to it with a warning 1292; one that is no
     * TIME at all is NULL with a warning 1292.
     */
    public static Duration toTime(Object v, StatementContext ctx) {
        if (v == null) {
            return null;
        }
        if (v instanceof Duration d) {
            return d;
        }
        if (v instanceof LocalTime t) {
            return Duration.ofNanos(t.toNanoOfDay());
        }
        if (v instanceof LocalDateTime t) {
            return Duration.ofNanos(t.toLocalTime().toNanoOfDay());
        }
        if (v instanceof LocalDate) {
            return Duration.ZERO;
        }
        String s = MysqlValues.toStr(v).trim();
        Long micros = parseTimeMicros(s);
        if (micros == null) {
            MysqlValues.truncatedWarning(ctx, "time", s);
            return null;
        }
        return clipTime(micros, s, ctx);
    }

    /** A TIME clipped to ±838:59:59, with a warning 1292 naming {@code text} when it had to be. */
    public static Duration clipTime(long micros, String text, StatementContext ctx) {
        if (Math.abs(micros) > TIME_MAX_MICROS) {
            MysqlValues.truncatedWarning(ctx, "time", text);
            return timeOfMicros(micros < 0 ? -TIME_MAX_MICROS : TIME_MAX_MICROS);
        }
        return timeOfMicros(micros);
    }

    /** A TIME rounded half away from zero to {@code fsp} fractional digits. */
    public static Duration round(Duration d, int fsp) {
        long unit = UNITS[Math.max(0, Math.min(6, fsp))] / 1000;
        long m = micros(d);
        long abs = Math.abs(m);
        long rounded = (abs + unit / 2) / unit * unit;
        return rounded == abs ? d : timeOfMicros(m < 0 ? -rounded : rounded);
    }

    /**
     * Parses MySQL's TIME forms, unclipped, in signed microseconds: {@code [-][D ]h…h:mm[:ss][.f]}
     * ('11:12' is 11:12:00), digits {@code [-]…hhmmss[.f]} read from the right ('1112' is
     * 00:11:12), or a datetime, whose time of day it takes. Null when it is none of these.
     */
    public static Long parseTimeMicros(String raw) {
        String s = raw.trim();
        if (s.isEmpty()) {
            return null;
        }
        if (s.length() > 10 && s.indexOf('-', 1) > 0 && s.indexOf(':') > 0) {
            LocalDateTime dt = parseDateTime(s);
            return dt == null ? null : dt.toLocalTime().toNanoOfDay() / 1000;
        }
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1).trim();
        }
        try {
            String frac = "";
            int dot = s.indexOf('.');
            String main = s;
            if (dot >= 0) {
                frac = s.substring(dot + 1);
                main = s.substring(0, dot);
                if (!frac.chars().allMatch(Character::isDigit)) {
                    return null;
                }
            }
            long days = 0;
            int space = main.indexOf(' ');
            if (space > 0 && main.indexOf(':') > space) {
                days = Long.parseLong(main.substring(0, space));
                main = main.substring(space + 1).trim();
            }
            long h;
            long m;
            long sec;
            if (main.contains(":")) {
                String[] p = main.split(":", -1);
                if (p.length < 2 || p.length > 3) {
                    return null;
                }
                h = Long.parseLong(p[0]);
                m = Long.parseLong(p[1]);
                sec = p.length == 3 ? Long.parseLong(p[2]) : 0;
            } else {
                if (main.isEmpty() || !main.chars().allMatch(Character::isDigit) || main.length() > 12) {
                    return null;
                }
                long n = Long.parseLong(main);
                h = n / 10000;
                m = n / 100 % 100;
                sec = n % 100;
            }
            if (h < 0 || m < 0 || m > 59 || sec < 0 || sec > 59 || days < 0) {
                return null;
            }
            String f6 = (frac + "000000").substring(0, 6);
            long micros = ((days * 24 + h) * 3600 + m * 60 + sec) * 1_000_000L + Long.parseLong(f6);
            if (frac.length() > 6 && frac.charAt(6) >= '5') {
                micros++; // MySQL rounds a seventh fractional digit
            }
            return negative ? -micros : micros;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The time of day inside a datetime literal's time part ('03:04:05.123'); null if invalid. */
    static LocalTime parseTime(String s) {
        try {
            String frac = "";
            int dot = s.indexOf('.');
            String main = s;
            if (dot >= 0) {
                frac = s.substring(dot + 1);
                main = s.substring(0, dot);
            }
            String[] p = main.split(":");
            if (p.length < 2 || p.length > 3) {
                return null;
            }
            return LocalTime.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), p.length == 3 ? Integer.parseInt(p[2]) : 0,
                    fracNanos(frac));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int fracNanos(String frac) {
        if (frac.isEmpty()) {
            return 0;
        }
        String f = (frac + "000000000").substring(0, 9);
        return Integer.parseInt(f);
    }

    /** Parses MySQL's date and datetime literal forms; null when not a valid date. */
    public static LocalDateTime parseDateTime(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim();
        try {
            if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
                // YYYYMMDD or YYYYMMDDhhmmss (also YYMMDD)
                if (s.length() == 8) {
                    return LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
                            Integer.parseInt(s.substring(6, 8))).atStartOfDay();
                }
                if (s.length() == 6) {
                    int y = Integer.parseInt(s.substring(0, 2));
                    return LocalDate.of(y < 70 ? 2000 + y : 1900 + y, Integer.parseInt(s.substring(2, 4)),
                            Integer.parseInt(s.substring(4, 6))).atStartOfDay();
                }
                if (s.length() == 14) {
                    return LocalDateTime.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
                            Integer.parseInt(s.substring(6, 8)), Integer.parseInt(s.substring(8, 10)),
                            Integer.parseInt(s.substring(10, 12)), Integer.parseInt(s.substring(12, 14)));
                }
                return null;
            }
            int sep = s.indexOf(' ');
            if (sep < 0) {
                sep = s.indexOf('T');
            }
            String datePart = sep < 0 ? s : s.substring(0, sep);
            String timePart = sep < 0 ? "" : s.substring(sep + 1).trim();
            String[] d = datePart.split("[-/.]");
            if (d.length != 3) {
                return null;
            }
            int year = Integer.parseInt(d[0]);
            if (d[0].length() <= 2) {
                year += year < 70 ? 2000 : 1900;
            }
            LocalDate date = LocalDate.of(year, Integer.parseInt(d[1]), Integer.parseInt(d[2]));
            if (timePart.isEmpty()) {
                return date.atStartOfDay();
            }
            LocalTime t = parseTime(timePart);
            return t == null ? null : date.atTime(t);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether an interval unit has only time parts (a TIME plus such an interval stays a TIME). */
    public static boolean isTimeUnit(String unit) {
        return switch (unit) {
            case "MICROSECOND", "SECOND", "MINUTE", "HOUR", "MINUTE_SECOND", "HOUR_SECOND", "HOUR_MINUTE" -> true;
            default -> false;
        };
    }

    /** Adds {@code amount} of {@code unit} (MySQL interval unit names) to a temporal value. */
    public static Object addInterval(Object base, Object amount, String unit, boolean subtract, StatementContext ctx) {
        if (base == null || amount == null) {
            return null;
        }
        String u = unit.toUpperCase(Locale.ROOT);
        if ((base instanceof Duration || base instanceof LocalTime) && isTimeUnit(u)) {
            // a TIME plus hours, minutes, seconds stays a TIME (clipped to its range)
            LocalDateTime from = LocalDate.of(2000, 1, 1).atStartOfDay();
            LocalDateTime to;
            try {
                to = plus(from, amount, u, subtract ? -1 : 1, ctx);
            } catch (java.time.DateTimeException | ArithmeticException e) {
                return null;
            }
            long micros = micros(toTime(base, ctx)) + ChronoUnit.MICROS.between(from, to);
            return clipTime(micros, MysqlValues.toStr(timeOfMicros(micros)), ctx);
        }
        boolean returnString = base instanceof String || base instanceof byte[];
        boolean dateOnlyUnit = switch (u) {
            case "DAY", "WEEK", "MONTH", "QUARTER", "YEAR", "YEAR_MONTH" -> true;
            default -> false;
        };
        LocalDateTime dt;
        boolean wasDate = false;
        if (base instanceof LocalDate d) {
            dt = d.atStartOfDay();
            wasDate = true;
        } else {
            dt = toDateTime(base, ctx);
            if (dt == null) {
                return null;
            }
            if (returnString) {
                String s = MysqlValues.toStr(base).trim();
                wasDate = s.length() <= 10 && !s.contains(":");
            }
        }
        LocalDateTime r;
        try {
            r = plus(dt, amount, u, subtract ? -1 : 1, ctx);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return null;
        }
        if (r == null || r.getYear() < 0 || r.getYear() > 9999) {
            return null;
        }
        if (wasDate && dateOnlyUnit) {
            return returnString ? r.toLocalDate().toString() : r.toLocalDate();
        }
        return returnString ? MysqlValues.toStr(r) : r;
    }

    private static LocalDateTime plus(LocalDateTime dt, Object amount, String unit, int sign, StatementContext ctx) {
        switch (unit) {
            case "MICROSECOND":
                return dt.plus(sign * MysqlValues.toLong(amount, ctx), ChronoUnit.MICROS);
            case "SECOND": {
                BigDecimal secs = MysqlValues.toDecimal(amount, ctx).multiply(BigDecimal.valueOf(sign));
                long micros = secs.movePointRight(6).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
                return dt.plus(micros, ChronoUnit.MICROS);
            }
            case "MINUTE":
                return dt.plusMinutes(sign * MysqlValues.toLong(amount, ctx));
            case "HOUR":
                return dt.plusHours(sign * MysqlValues.toLong(amount, ctx));
            case "DAY":
                return dt.plusDays(sign * MysqlValues.toLong(amount, ctx));
            case "WEEK":
                return dt.plusWeeks(sign * MysqlValues.toLong(amount, ctx));
            case "MONTH":
                return dt.plusMonths(sign * MysqlValues.toLong(amount, ctx));
            case "QUARTER":
                return dt.plusMonths(3L * sign * MysqlValues.toLong(amount, ctx));
            case "YEAR":
                return dt.plusYears(sign * MysqlValues.toLong(amount, ctx));
            default:
                return plusCompound(dt, MysqlValues.toStr(amount), unit, sign);
        }
    }

    /** Compound units such as DAY_HOUR '1 2' or HOUR_MINUTE '1:30' or YEAR_MONTH '1-2'. */
    private static LocalDateTime plusCompound(LocalDateTime dt, String value, String unit, int sign) {
        String v = value.trim();
        if (v.startsWith("-")) {
            sign = -sign;
            v = v.substring(1);
        }
        String[] parts = v.split("[^0-9]+");
        String[] fields = switch (unit) {
            case "YEAR_MONTH" -> new String[]{"Y", "M"};
            case "DAY_HOUR" -> new String[]{"d", "h"};
            case "DAY_MINUTE" -> new String[]{"d", "h", "m"};
            case "DAY_SECOND" -> new String[]{"d", "h", "m", "s"};
            case "HOUR_MINUTE" -> new String[]{"h", "m"};
            case "HOUR_SECOND" -> new String[]{"h", "m", "s"};
            case "MINUTE_SECOND" -> new String[]{"m", "s"};
            default -> throw ErrorCode.NOT_SUPPORTED_YET.error("INTERVAL unit " + unit);
        };
        // missing leading fields: MySQL aligns values to the right ('1:30' as DAY_SECOND is m:s)
        int offset = fields.length - parts.length;
        LocalDateTime r = dt;
        for (int i = 0; i < parts.length; i++) {
            if (i + offset < 0) {
                continue;
            }
            long n = sign * Long.parseLong(parts[i]);
            r = switch (fields[i + offset]) {
                case "Y" -> r.plusYears(n);
                case "M" -> r.plusMonths(n);
                case "d" -> r.plusDays(n);
                case "h" -> r.plusHours(n);
                case "m" -> r.plusMinutes(n);
                default -> r.plusSeconds(n);
            };
        }
        return r;
    }

    /** DATE_FORMAT with MySQL's specifiers. */
    public static String format(LocalDateTime t, String fmt) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%' || i + 1 >= fmt.length()) {
                sb.append(c);
                continue;
            }
            char f = fmt.charAt(++i);
            switch (f) {
                case 'Y' -> sb.append(String.format(Locale.ROOT, "%04d", t.getYear()));
                case 'y' -> sb.append(String.format(Locale.ROOT, "%02d", t.getYear() % 100));
                case 'm' -> sb.append(String.format(Locale.ROOT, "%02d", t.getMonthValue()));
                case 'c' -> sb.append(t.getMonthValue());
                case 'd' -> sb.append(String.format(Locale.ROOT, "%02d", t.getDayOfMonth()));
                case 'e' -> sb.append(t.getDayOfMonth());
                case 'H' -> sb.append(String.format(Locale.ROOT, "%02d", t.getHour()));
                case 'k' -> sb.append(t.getHour());
                case 'h', 'I' -> sb.append(String.format(Locale.ROOT, "%02d", hour12(t)));
                case 'l' -> sb.append(hour12(t));
                case 'i' -> sb.append(String.format(Locale.ROOT, "%02d", t.getMinute()));
                case 's', 'S' -> sb.append(String.format(Locale.ROOT, "%02d", t.getSecond()));
                case 'f' -> sb.append(String.format(Locale.ROOT, "%06d", t.getNano() / 1000));
                case 'p' -> sb.append(t.getHour() < 12 ? "AM" : "PM");
                case 'M' -> sb.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'b' -> sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'W' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'a' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'w' -> sb.append(t.getDayOfWeek().getValue() % 7);
                case 'j' -> sb.append(String.format(Locale.ROOT, "%03d", t.getDayOfYear()));
                case 'D' -> sb.append(t.getDayOfMonth()).append(ordinalSuffix(t.getDayOfMonth()));
                case 'T' -> sb.append(String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()));
                case 'r' -> sb.append(String.format(Locale.ROOT, "%02d:%02d:%02d %s", hour12(t), t.getMinute(), t.getSecond(), t.getHour() < 12 ? "AM" : "PM"));
                case 'u' -> sb.append(String.format(Locale.ROOT, "%02d", t.get(WeekFields.ISO.weekOfYear())));
                case 'v' -> sb.append(String.format(Locale.ROOT, "%02d", t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
                case 'x' -> sb.append(String.format(Locale.ROOT, "%04d", t.get(IsoFields.WEEK_BASED_YEAR)));
                case 'U' -> sb.append(String.format(Locale.ROOT, "%02d", t.get(WeekFields.SUNDAY_START.weekOfYear())));
                case '%' -> sb.append('%');
                default -> sb.append(f);
            }
        }
        return sb.toString();
    }

    private static int hour12(LocalDateTime t) {
        int h = t.getHour() % 12;
        return h == 0 ? 12 : h;
    }

    private static String ordinalSuffix(int d) {
        if (d >= 11 && d <= 13) {
            return "th";
        }
        return switch (d % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    /**
     * STR_TO_DATE: returns a LocalDate when the format has only date parts, a LocalTime when only
     * time parts, else a LocalDateTime; null (with a warning) when the string does not match.
     */
    public static Object parse(String s, String fmt, StatementContext ctx) {
        int year = 0;
        int month = 0;
        int day = 0;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int micros = 0;
        boolean pm = false;
        boolean twelve = false;
        boolean hasDate = false;
        boolean hasTime = false;
        int p = 0;
        try {
            for (int i = 0; i < fmt.length(); i++) {
                char c = fmt.charAt(i);
                if (c != '%' || i + 1 >= fmt.length()) {
                    if (Character.isWhitespace(c)) {
                        while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
                            p++;
                        }
                        continue;
                    }
                    if (p >= s.length() || s.charAt(p) != c) {
                        return badDate(s, ctx);
                    }
                    p++;
                    continue;
                }
                char f = fmt.charAt(++i);
                if (f == 'M' || f == 'b') {
                    int found = -1;
                    for (int m = 1; m <= 12; m++) {
                        String name = java.time.Month.of(m).getDisplayName(f == 'M' ? TextStyle.FULL : TextStyle.SHORT, Locale.ENGLISH);
                        if (s.regionMatches(true, p, name, 0, name.length())) {
                            found = m;
                            p += name.length();
                            break;
                        }
                    }
                    if (found < 0) {
                        return badDate(s, ctx);
                    }
                    month = found;
                    hasDate = true;
                    continue;
                }
                if (f == 'p') {
                    if (s.regionMatches(true, p, "PM", 0, 2)) {
                        pm = true;
                    } else if (!s.regionMatches(true, p, "AM", 0, 2)) {
                        return badDate(s, ctx);
                    }
                    p += 2;
                    continue;
                }
                if (f == 'W' || f == 'a') {
                    boolean ok = false;
                    for (DayOfWeek dow : DayOfWeek.values()) {
                        String name = dow.getDisplayName(f == 'W' ? TextStyle.FULL : TextStyle.SHORT, Locale.ENGLISH);
                        if (s.regionMatches(true, p, name, 0, name.length())) {
                            p += name.length();
                            ok = true;
                            break;
                        }
                    }
                    if (!ok) {
                        return badDate(s, ctx);
                    }
                    continue;
                }
                if (f == '%') {
                    if (p >= s.length() || s.charAt(p) != '%') {
                        return badDate(s, ctx);
                    }
                    p++;
                    continue;
                }
                int maxDigits = switch (f) {
                    case 'Y' -> 4;
                    case 'f' -> 6;
                    case 'j' -> 3;
                    default -> 2;
                };
                // numeric fields skip leading blanks ('May 1, 2013' with '%M %d,%Y')
                while (p < s.length() && s.charAt(p) == ' ') {
                    p++;
                }
                int start = p;
                while (p < s.length() && p - start < maxDigits && Character.isDigit(s.charAt(p))) {
                    p++;
                }
                if (p == start) {
                    return badDate(s, ctx);
                }
                String digits = s.substring(start, p);
                int n = Integer.parseInt(digits);
                switch (f) {
                    case 'Y' -> {
                        year = n;
                        hasDate = true;
                    }
                    case 'y' -> {
                        year = n < 70 ? 2000 + n : 1900 + n;
                        hasDate = true;
                    }
                    case 'm', 'c' -> {
                        month = n;
                        hasDate = true;
                    }
                    case 'd', 'e' -> {
                        day = n;
                        hasDate = true;
                    }
                    case 'H', 'k' -> {
                        hour = n;
                        hasTime = true;
                    }
                    case 'h', 'I', 'l' -> {
                        hour = n;
                        twelve = true;
                        hasTime = true;
                    }
                    case 'i' -> {
                        minute = n;
                        hasTime = true;
                    }
                    case 's', 'S' -> {
                        second = n;
                        hasTime = true;
                    }
                    case 'f' -> {
                        micros = Integer.parseInt((digits + "000000").substring(0, 6));
                        hasTime = true;
                    }
                    default -> {
                        return badDate(s, ctx);
                    }
                }
            }
            if (twelve) {
                hour = hour % 12 + (pm ? 12 : 0);
            }
            LocalTime time = LocalTime.of(hour, minute, second, micros * 1000);
            if (!hasDate) {
                return time;
            }
            LocalDate date = LocalDate.of(year, month, day);
            return hasTime ? date.atTime(time) : date;
        } catch (RuntimeException e) {
            return badDate(s, ctx);
        }
    }

    private static Object badDate(String s, StatementContext ctx) {
        if (ctx != null) {
            ctx.warn("Warning", ErrorCode.TRUNCATED_WRONG_VALUE.mysqlCode(), ErrorCode.TRUNCATED_WRONG_VALUE.format("datetime", s));
        }
        return null;
    }

    /**
     * A datetime rounded half up to {@code fsp} fractional digits, as MySQL stores a value in a
     * DATETIME(fsp) column or CASTs it (23:59:59.9999995 carries into the next day).
     */
    public static LocalDateTime round(LocalDateTime t, int fsp) {
        long unit = UNITS[Math.max(0, Math.min(6, fsp))];
        int nanos = t.getNano();
        long rounded = (nanos + unit / 2) / unit * unit;
        return rounded == nanos ? t : t.withNano(0).plusNanos(rounded);
    }

    private static final long[] UNITS = {1_000_000_000L, 100_000_000L, 10_000_000L, 1_000_000L, 100_000L, 10_000L, 1_000L};

    /**
     * TIMESTAMPDIFF(unit, from, to): whole units from {@code from} to {@code to}, truncated toward
     * zero; months, quarters and years count calendar months as MySQL does.
     */
    public static Long diff(String unit, LocalDateTime from, LocalDateTime to) {
        ChronoUnit u = switch (unit.toUpperCase(Locale.ROOT)) {
            case "MICROSECOND" -> ChronoUnit.MICROS;
            case "SECOND" -> ChronoUnit.SECONDS;
            case "MINUTE" -> ChronoUnit.MINUTES;
            case "HOUR" -> ChronoUnit.HOURS;
            case "DAY" -> ChronoUnit.DAYS;
            case "WEEK" -> ChronoUnit.WEEKS;
            case "MONTH", "QUARTER" -> ChronoUnit.MONTHS;
            case "YEAR" -> ChronoUnit.YEARS;
            default -> throw ErrorCode.PARSE_ERROR.error(unit, 1);
        };
        long n = u.between(from, to);
        return unit.equalsIgnoreCase("QUARTER") ? n / 3 : n;
    }

    /** Seconds since the epoch of a datetime in the session time zone (the JVM zone until sessions carry one). */
    public static long epochSeconds(LocalDateTime t) {
        return t.atZone(java.time.ZoneId.systemDefault()).toEpochSecond();
    }
}
