package io.strata.optimizer.func;

import io.strata.spi.collation.Collation;
import io.strata.spi.collation.Collations;

import io.strata.optimizer.exec.StatementContext;
import io.strata.spi.ErrorCode;
import io.strata.spi.session.MysqlText;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static io.strata.optimizer.func.MysqlValues.bitsOf;
import static io.strata.optimizer.func.MysqlValues.toDecimal;
import static io.strata.optimizer.func.MysqlValues.toDouble;
import static io.strata.optimizer.func.MysqlValues.toLong;
import static io.strata.optimizer.func.MysqlValues.toStr;
import static io.strata.optimizer.func.MysqlValues.unsignedOfBits;

/**
 * The bodies of the MySQL functions and operators Strata evaluates itself rather than with
 * Calcite's built-ins, keyed by a lower-case name. The table is immutable and built once: it is a
 * catalog of code, not state.
 *
 * <p>Every body follows MySQL: NULL in gives NULL out unless the function says otherwise
 * (CONCAT_WS, COALESCE-like functions, {@code <=>}), numeric arguments accept strings with a
 * truncation warning, and errors a client should see are {@code StrataException}s.
 */
public final class MysqlFunctions {
    private static final Map<String, MysqlFunction> FUNCTIONS = build();

    private MysqlFunctions() {
    }

    /** The body of a function, or null if Strata does not implement it. */
    public static MysqlFunction lookup(String name) {
        return FUNCTIONS.get(name);
    }

    public static boolean exists(String name) {
        return FUNCTIONS.containsKey(name);
    }

    private static boolean anyNull(Object[] a) {
        for (Object o : a) {
            if (o == null) {
                return true;
            }
        }
        return false;
    }

    /** Wraps a body that returns NULL as soon as any argument is NULL. */
    private static MysqlFunction strict(MysqlFunction f) {
        return (ctx, a, r) -> anyNull(a) ? null : f.apply(ctx, a, r);
    }

    private static Map<String, MysqlFunction> build() {
        Map<String, MysqlFunction> m = new HashMap<>();
        arithmetic(m);
        logic(m);
        strings(m);
        math(m);
        temporal(m);
        casts(m);
        session(m);
        return Map.copyOf(m);
    }

    // ---------------------------------------------------------------- arithmetic

    private static void arithmetic(Map<String, MysqlFunction> m) {
        m.put("plus", strict((ctx, a, r) -> switch (r.kind()) {
            case ResultKind.INTEGER -> exact(() -> Math.addExact(toLong(a[0], ctx), toLong(a[1], ctx)), a, "+");
            case ResultKind.UNSIGNED -> unsignedExact(toDecimal(a[0], ctx).add(toDecimal(a[1], ctx)), a, "+");
            case ResultKind.DECIMAL -> toDecimal(a[0], ctx).add(toDecimal(a[1], ctx));
            default -> checkDouble(toDouble(a[0], ctx) + toDouble(a[1], ctx), a, "+");
        }));
        m.put("minus", strict((ctx, a, r) -> switch (r.kind()) {
            case ResultKind.INTEGER -> exact(() -> Math.subtractExact(toLong(a[0], ctx), toLong(a[1], ctx)), a, "-");
            case ResultKind.UNSIGNED -> unsignedExact(toDecimal(a[0], ctx).subtract(toDecimal(a[1], ctx)), a, "-");
            case ResultKind.DECIMAL -> toDecimal(a[0], ctx).subtract(toDecimal(a[1], ctx));
            default -> checkDouble(toDouble(a[0], ctx) - toDouble(a[1], ctx), a, "-");
        }));
        m.put("times", strict((ctx, a, r) -> switch (r.kind()) {
            case ResultKind.INTEGER -> exact(() -> Math.multiplyExact(toLong(a[0], ctx), toLong(a[1], ctx)), a, "*");
            case ResultKind.UNSIGNED -> unsignedExact(toDecimal(a[0], ctx).multiply(toDecimal(a[1], ctx)), a, "*");
            case ResultKind.DECIMAL -> toDecimal(a[0], ctx).multiply(toDecimal(a[1], ctx));
            default -> checkDouble(toDouble(a[0], ctx) * toDouble(a[1], ctx), a, "*");
        }));
        m.put("divide", strict((ctx, a, r) -> {
            if (r.kind() == ResultKind.DECIMAL) {
                BigDecimal d = toDecimal(a[1], ctx);
                if (d.signum() == 0) {
                    return divisionByZero(ctx);
                }
                return toDecimal(a[0], ctx).divide(d, r.scale(), RoundingMode.HALF_UP);
            }
            double d = toDouble(a[1], ctx);
            if (d == 0.0) {
                return divisionByZero(ctx);
            }
            return checkDouble(toDouble(a[0], ctx) / d, a, "/");
        }));
        // Division of a SUM by a COUNT for AVG: an empty group is NULL without a warning.
        m.put("avg_div", strict((ctx, a, r) -> {
            long n = toLong(a[1], ctx);
            if (n == 0) {
                return null;
            }
            if (r.kind() == ResultKind.DECIMAL) {
                return toDecimal(a[0], ctx).divide(BigDecimal.valueOf(n), r.scale(), RoundingMode.HALF_UP);
            }
            return toDouble(a[0], ctx) / n;
        }));
        m.put("intdiv", strict((ctx, a, r) -> {
            if (r.kind() == ResultKind.UNSIGNED) {
                BigDecimal d = toDecimal(a[1], ctx);
                if (d.signum() == 0) {
                    return divisionByZero(ctx);
                }
                return unsignedExact(toDecimal(a[0], ctx).divide(d, 0, RoundingMode.DOWN), a, "DIV");
            }
            if (MysqlValues.isNumeric(a[0]) && MysqlValues.isNumeric(a[1])
                    && !(a[0] instanceof Double) && !(a[1] instanceof Double)
                    && !(a[0] instanceof BigDecimal) && !(a[1] instanceof BigDecimal)) {
                long d = toLong(a[1], ctx);
                if (d == 0) {
                    return divisionByZero(ctx);
                }
                long n = toLong(a[0], ctx);
                if (n == Long.MIN_VALUE && d == -1) {
                    throw ErrorCode.DATA_OUT_OF_RANGE.error("BIGINT", "(" + n + " DIV " + d + ")");
                }
                return n / d;
            }
            BigDecimal d = toDecimal(a[1], ctx);
            if (d.signum() == 0) {
                return divisionByZero(ctx);
            }
            BigDecimal q = toDecimal(a[0], ctx).divide(d, 0, RoundingMode.DOWN);
            try {
                return q.longValueExact();
            } catch (ArithmeticException e) {
                throw ErrorCode.DATA_OUT_OF_RANGE.error("BIGINT", "(" + toStr(a[0]) + " DIV " + toStr(a[1]) + ")");
            }
        }));
        m.put("mod", strict((ctx, a, r) -> switch (r.kind()) {
            case ResultKind.INTEGER -> {
                long d = toLong(a[1], ctx);
                if (d == 0) {
                    yield divisionByZero(ctx);
                }
                yield d == -1 ? 0L : toLong(a[0], ctx) % d;
            }
            case ResultKind.UNSIGNED -> {
                BigDecimal d = toDecimal(a[1], ctx);
                if (d.signum() == 0) {
                    yield divisionByZero(ctx);
                }
                yield unsignedExact(toDecimal(a[0], ctx).remainder(d), a, "%");
            }
            case ResultKind.DECIMAL -> {
                BigDecimal d = toDecimal(a[1], ctx);
                if (d.signum() == 0) {
                    yield divisionByZero(ctx);
                }
                yield toDecimal(a[0], ctx).remainder(d);
            }
            default -> {
                double d = toDouble(a[1], ctx);
                if (d == 0.0) {
                    yield divisionByZero(ctx);
                }
                yield toDouble(a[0], ctx) % d;
            }
        }));
        m.put("neg", strict((ctx, a, r) -> switch (r.kind()) {
            case ResultKind.INTEGER -> {
                long v = toLong(a[0], ctx);
                if (v == Long.MIN_VALUE) {
                    throw ErrorCode.DATA_OUT_OF_RANGE.error("BIGINT", "-(" + v + ")");
                }
                yield -v;
            }
            case ResultKind.DECIMAL -> toDecimal(a[0], ctx).negate();
            default -> -toDouble(a[0], ctx);
        }));
        m.put("to_double", strict((ctx, a, r) -> toDouble(a[0], ctx)));
        // bit operations: 64 bits in, BIGINT UNSIGNED out
        m.put("bit_and", strict((ctx, a, r) -> unsignedOfBits(bitsOf(a[0], ctx) & bitsOf(a[1], ctx))));
        m.put("bit_or", strict((ctx, a, r) -> unsignedOfBits(bitsOf(a[0], ctx) | bitsOf(a[1], ctx))));
        m.put("bit_xor", strict((ctx, a, r) -> unsignedOfBits(bitsOf(a[0], ctx) ^ bitsOf(a[1], ctx))));
        m.put("shift_left", strict((ctx, a, r) -> {
            long n = bitsOf(a[1], ctx);
            return n < 0 || n >= 64 ? 0L : unsignedOfBits(bitsOf(a[0], ctx) << n);
        }));
        m.put("shift_right", strict((ctx, a, r) -> {
            long n = bitsOf(a[1], ctx);
            return n < 0 || n >= 64 ? 0L : unsignedOfBits(bitsOf(a[0], ctx) >>> n);
        }));
        m.put("bit_not", strict((ctx, a, r) -> unsignedOfBits(~bitsOf(a[0], ctx))));
        m.put("sum_arg", strict((ctx, a, r) -> r.kind() == ResultKind.DECIMAL ? toDecimal(a[0], ctx) : toDouble(a[0], ctx)));
    }

    private interface LongOp {
        long run();
    }

    private static Object exact(LongOp op, Object[] a, String sym) {
        try {
            return op.run();
        } catch (ArithmeticException e) {
            throw ErrorCode.DATA_OUT_OF_RANGE.error("BIGINT", "(" + toStr(a[0]) + " " + sym + " " + toStr(a[1]) + ")");
        }
    }

    private static Object unsignedExact(BigDecimal result, Object[] a, String sym) {
        return MysqlValues.unsignedResult(result, "(" + toStr(a[0]) + " " + sym + " " + toStr(a[1]) + ")");
    }

    private static Object checkDouble(double d, Object[] a, String sym) {
        if (Double.isInfinite(d) || Double.isNaN(d)) {
            throw ErrorCode.DATA_OUT_OF_RANGE.error("DOUBLE", "(" + toStr(a[0]) + " " + sym + " " + toStr(a[1]) + ")");
        }
        return d;
    }

    private static Object divisionByZero(StatementContext ctx) {
        if (ctx != null) {
            ctx.warn("Warning", ErrorCode.DIVISION_BY_ZERO.mysqlCode(), ErrorCode.DIVISION_BY_ZERO.format());
        }
        return null;
    }

    // ---------------------------------------------------------------- logic and comparison

    private static void logic(Map<String, MysqlFunction> m) {
        m.put("truth", (ctx, a, r) -> MysqlValues.truth(a[0], ctx));
        m.put("xor", (ctx, a, r) -> {
            Boolean x = MysqlValues.truth(a[0], ctx);
            Boolean y = MysqlValues.truth(a[1], ctx);
            return x == null || y == null ? null : x ^ y;
        });
        m.put("nullsafe_eq", (ctx, a, r) -> {
            if (a[0] == null || a[1] == null) {
                return a[0] == null && a[1] == null;
            }
            return MysqlValues.compare(a[0], a[1], ctx) == 0;
        });
        m.put("regexp", strict((ctx, a, r) -> {
            try {
                return Pattern.compile(toStr(a[1])).matcher(toStr(a[0])).find();
            } catch (PatternSyntaxException e) {
                throw ErrorCode.WRONG_ARGUMENTS.error("regexp");
            }
        }));
        m.put("like", (ctx, a, r) -> {
            if (a[0] == null || a[1] == null) {
                return null;
            }
            char esc = a.length > 2 && a[2] != null && !toStr(a[2]).isEmpty() ? toStr(a[2]).charAt(0) : '\\';
            return likeMatch(toStr(a[0]), toStr(a[1]), esc);
        });
        m.put("collate_key", strict((ctx, a, r) -> collation(a[1]).sortKey(toStr(a[0]))));
        m.put("collate_like_key", strict((ctx, a, r) -> collation(a[1]).likeKey(toStr(a[0]))));
        m.put("collate", (ctx, a, r) -> a[0]);
        m.put("greatest", strict((ctx, a, r) -> pick(ctx, a, r, 1)));
        m.put("least", strict((ctx, a, r) -> pick(ctx, a, r, -1)));
    }

    private static Object pick(StatementContext ctx, Object[] a, ResultKind r, int sign) {
        Object best = a[0];
        for (int i = 1; i < a.length; i++) {
            int c = r.kind() == ResultKind.STRING
                    ? MysqlValues.compareBinary(toStr(a[i]), toStr(best))
                    : MysqlValues.compare(a[i], best, ctx);
            if (c * sign > 0) {
                best = a[i];
            }
        }
        return best;
    }

    /** LIKE with % and _ wildcards and an escape character; compares code points (binary collation). */
    private static Collation collation(Object name) {
        return Collations.require(toStr(name));
    }

    public static boolean likeMatch(String s, String p, char esc) {
        return like(s, 0, p, 0, esc);
    }

    private static boolean like(String s, int si, String p, int pi, char esc) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '%') {
                while (pi < p.length() && p.charAt(pi) == '%') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = si; k <= s.length(); k++) {
                    if (like(s, k, p, pi, esc)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length()) {
                return false;
            }
            if (c == '_') {
                si++;
                pi++;
                continue;
            }
            if (c == esc && pi + 1 < p.length()) {
                pi++;
                c = p.charAt(pi);
            }
            if (s.charAt(si) != c) {
                return false;
            }
            si++;
            pi++;
        }
        return si == s.length();
    }

    // ---------------------------------------------------------------- strings

    private static void strings(Map<String, MysqlFunction> m) {
        m.put("concat", strict((ctx, a, r) -> {
            StringBuilder sb = new StringBuilder();
            for (Object o : a) {
                sb.append(toStr(o));
            }
            return sb.toString();
        }));
        // GROUP_CONCAT(DISTINCT …): values arrive joined by NUL in ORDER BY order; keep first occurrences
        m.put("gc_distinct", strict((ctx, a, r) -> {
            java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>(java.util.Arrays.asList(toStr(a[0]).split("\u0000", -1)));
            return String.join(toStr(a[1]), seen);
        }));
        m.put("concat_ws", (ctx, a, r) -> {
            if (a[0] == null) {
                return null;
            }
            String sep = toStr(a[0]);
            StringBuilder sb = new StringBuilder();
            boolean first = true;
            for (int i = 1; i < a.length; i++) {
                if (a[i] == null) {
                    continue;
                }
                if (!first) {
                    sb.append(sep);
                }
                sb.append(toStr(a[i]));
                first = false;
            }
            return sb.toString();
        });
        m.put("length", strict((ctx, a, r) -> (long) MysqlValues.toBytes(a[0]).length));
        m.put("char_length", strict((ctx, a, r) -> {
            String s = toStr(a[0]);
            return (long) s.codePointCount(0, s.length());
        }));
        m.put("upper", strict((ctx, a, r) -> toStr(a[0]).toUpperCase(Locale.ROOT)));
        m.put("lower", strict((ctx, a, r) -> toStr(a[0]).toLowerCase(Locale.ROOT)));
        m.put("substring", strict((ctx, a, r) -> {
            String s = toStr(a[0]);
            int[] cps = s.codePoints().toArray();
            long pos = toLong(a[1], ctx);
            long len = a.length > 2 ? toLong(a[2], ctx) : Long.MAX_VALUE;
            if (pos == 0 || len <= 0) {
                return "";
            }
            long start = pos > 0 ? pos - 1 : cps.length + pos;
            if (start < 0 || start >= cps.length) {
                return "";
            }
            long end = Math.min(cps.length, start + Math.min(len, (long) cps.length));
            return new String(cps, (int) start, (int) (end - start));
        }));
        m.put("trim", strict((ctx, a, r) -> trim(toStr(a[0]), a.length > 1 ? toStr(a[1]) : " ", true, true)));
        m.put("ltrim", strict((ctx, a, r) -> trim(toStr(a[0]), a.length > 1 ? toStr(a[1]) : " ", true, false)));
        m.put("rtrim", strict((ctx, a, r) -> trim(toStr(a[0]), a.length > 1 ? toStr(a[1]) : " ", false, true)));
        m.put("replace", strict((ctx, a, r) -> {
            String from = toStr(a[1]);
            return from.isEmpty() ? toStr(a[0]) : toStr(a[0]).replace(from, toStr(a[2]));
        }));
        m.put("left", strict((ctx, a, r) -> {
            String s = toStr(a[0]);
            long n = toLong(a[1], ctx);
            if (n <= 0) {
                return "";
            }
            int cps = s.codePointCount(0, s.length());
            return n >= cps ? s : s.substring(0, s.offsetByCodePoints(0, (int) n));
        }));
        m.put("right", strict((ctx, a, r) -> {
            String s = toStr(a[0]);
            long n = toLong(a[1], ctx);
            if (n <= 0) {
                return "";
            }
            int cps = s.codePointCount(0, s.length());
            return n >= cps ? s : s.substring(s.offsetByCodePoints(0, (int) (cps - n)));
        }));
        m.put("lpad", strict((ctx, a, r) -> pad(toStr(a[0]), toLong(a[1], ctx), toStr(a[2]), true)));
        m.put("rpad", strict((ctx, a, r) -> pad(toStr(a[0]), toLong(a[1], ctx), toStr(a[2]), false)));
        // LOCATE(substr, str[, pos]) and INSTR(str, substr): 1-based character positions, 0 if absent
        m.put("locate", strict((ctx, a, r) -> {
            String sub = toStr(a[0]);
            String s = toStr(a[1]);
            long pos = a.length > 2 ? toLong(a[2], ctx) : 1;
            if (pos < 1 || pos > s.codePointCount(0, s.length()) + 1) {
                return 0L;
            }
            int from = s.offsetByCodePoints(0, (int) pos - 1);
            int i = s.indexOf(sub, from);
            return i < 0 ? 0L : (long) s.codePointCount(0, i) + 1;
        }));
        m.put("instr", strict((ctx, a, r) -> {
            String s = toStr(a[0]);
            int i = s.indexOf(toStr(a[1]));
            return i < 0 ? 0L : (long) s.codePointCount(0, i) + 1;
        }));
        m.put("strcmp", strict((ctx, a, r) -> (long) Integer.signum(MysqlValues.compareBinary(toStr(a[0]), toStr(a[1])))));
        m.put("reverse", strict((ctx, a, r) -> new StringBuilder(toStr(a[0])).reverse().toString()));
        m.put("repeat", strict((ctx, a, r) -> {
            long n = toLong(a[1], ctx);
            return n <= 0 ? "" : toStr(a[0]).repeat((int) Math.min(n, 16 * 1024 * 1024));
        }));
        m.put("space", strict((ctx, a, r) -> {
            long n = toLong(a[0], ctx);
            return n <= 0 ? "" : " ".repeat((int) Math.min(n, 16 * 1024 * 1024));
        }));
        m.put("ascii", strict((ctx, a, r) -> {
            byte[] b = MysqlValues.toBytes(a[0]);
            return b.length == 0 ? 0L : (long) (b[0] & 0xff);
        }));
        m.put("hex", strict((ctx, a, r) -> {
            if (MysqlValues.isNumeric(a[0])) {
                return Long.toHexString(toLong(a[0], ctx)).toUpperCase(Locale.ROOT);
            }
            StringBuilder sb = new StringBuilder();
            for (byte b : MysqlValues.toBytes(a[0])) {
                sb.append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
            return sb.toString();
        }));
    }

    private static String trim(String s, String rem, boolean leading, boolean trailing) {
        if (rem.isEmpty()) {
            return s;
        }
        int start = 0;
        int end = s.length();
        if (leading) {
            while (s.startsWith(rem, start)) {
                start += rem.length();
            }
        }
        if (trailing) {
            while (end - rem.length() >= start && s.startsWith(rem, end - rem.length())) {
                end -= rem.length();
            }
        }
        return s.substring(start, end);
    }

    private static String pad(String s, long len, String padding, boolean left) {
        int cps = s.codePointCount(0, s.length());
        if (len < 0) {
            return null;
        }
        if (len <= cps) {
            return s.substring(0, s.offsetByCodePoints(0, (int) len));
        }
        if (padding.isEmpty()) {
            return null;
        }
        StringBuilder fill = new StringBuilder();
        long need = len - cps;
        while (fill.codePointCount(0, fill.length()) < need) {
            fill.append(padding);
        }
        String f = fill.substring(0, fill.offsetByCodePoints(0, (int) need));
        return left ? f + s : s + f;
    }

    // ---------------------------------------------------------------- math

    private static void math(Map<String, MysqlFunction> m) {
        m.put("abs", strict((ctx, a, r) -> switch (r.kind()) {
            case ResultKind.INTEGER -> {
                long v = toLong(a[0], ctx);
                if (v == Long.MIN_VALUE) {
                    throw ErrorCode.DATA_OUT_OF_RANGE.error("BIGINT", "abs(" + v + ")");
                }
                yield Math.abs(v);
            }
            case ResultKind.UNSIGNED -> a[0];
            case ResultKind.DECIMAL -> toDecimal(a[0], ctx).abs();
            default -> Math.abs(toDouble(a[0], ctx));
        }));
        m.put("ceil", strict((ctx, a, r) -> switch (r.kind()) {
            case ResultKind.INTEGER -> toDecimal(a[0], ctx).setScale(0, RoundingMode.CEILING).longValueExact();
            case ResultKind.UNSIGNED -> a[0];
            case ResultKind.DECIMAL -> toDecimal(a[0], ctx).setScale(0, RoundingMode.CEILING);
            default -> Math.ceil(toDouble(a[0], ctx));
        }));
        m.put("floor", strict((ctx, a, r) -> switch (r.kind()) {
            case ResultKind.INTEGER -> toDecimal(a[0], ctx).setScale(0, RoundingMode.FLOOR).longValueExact();
            case ResultKind.UNSIGNED -> a[0];
            case ResultKind.DECIMAL -> toDecimal(a[0], ctx).setScale(0, RoundingMode.FLOOR);
            default -> Math.floor(toDouble(a[0], ctx));
        }));
        m.put("round", strict((ctx, a, r) -> roundOrTruncate(ctx, a, r, RoundingMode.HALF_UP)));
        m.put("truncate", strict((ctx, a, r) -> roundOrTruncate(ctx, a, r, RoundingMode.DOWN)));
        m.put("pow", strict((ctx, a, r) -> checkDouble(Math.pow(toDouble(a[0], ctx), toDouble(a[1], ctx)), a, "pow")));
        m.put("sqrt", strict((ctx, a, r) -> {
            double d = toDouble(a[0], ctx);
            return d < 0 ? null : Math.sqrt(d);
        }));
        m.put("exp", strict((ctx, a, r) -> {
            double d = Math.exp(toDouble(a[0], ctx));
            if (Double.isInfinite(d)) {
                throw ErrorCode.DATA_OUT_OF_RANGE.error("DOUBLE", "exp(" + toStr(a[0]) + ")");
            }
            return d;
        }));
        m.put("ln", strict((ctx, a, r) -> logOf(ctx, toDouble(a[0], ctx), Math.E)));
        m.put("log", strict((ctx, a, r) -> a.length == 1
                ? logOf(ctx, toDouble(a[0], ctx), Math.E)
                : logBase(ctx, toDouble(a[0], ctx), toDouble(a[1], ctx))));
        m.put("log10", strict((ctx, a, r) -> logOf(ctx, toDouble(a[0], ctx), 10)));
        m.put("log2", strict((ctx, a, r) -> logOf(ctx, toDouble(a[0], ctx), 2)));
        m.put("sign", strict((ctx, a, r) -> (long) Integer.signum(
                a[0] instanceof Double d ? Double.compare(d, 0.0) : toDecimal(a[0], ctx).signum())));
        m.put("pi", (ctx, a, r) -> Math.PI);
        m.put("rand", (ctx, a, r) -> a.length > 0 && a[0] != null
                ? new java.util.Random(toLong(a[0], ctx)).nextDouble()
                : ThreadLocalRandom.current().nextDouble());
    }

    private static Object logOf(StatementContext ctx, double x, double base) {
        if (x <= 0) {
            if (ctx != null) {
                ctx.warn("Warning", ErrorCode.INVALID_ARGUMENT_FOR_LOGARITHM.mysqlCode(), ErrorCode.INVALID_ARGUMENT_FOR_LOGARITHM.format());
            }
            return null;
        }
        return base == Math.E ? Math.log(x) : base == 10 ? Math.log10(x) : Math.log(x) / Math.log(base);
    }

    private static Object logBase(StatementContext ctx, double base, double x) {
        if (x <= 0 || base <= 0 || base == 1) {
            if (ctx != null) {
                ctx.warn("Warning", ErrorCode.INVALID_ARGUMENT_FOR_LOGARITHM.mysqlCode(), ErrorCode.INVALID_ARGUMENT_FOR_LOGARITHM.format());
            }
            return null;
        }
        return Math.log(x) / Math.log(base);
    }

    private static Object roundOrTruncate(StatementContext ctx, Object[] a, ResultKind r, RoundingMode mode) {
        long digits = a.length > 1 ? toLong(a[1], ctx) : 0;
        int d = (int) Math.max(-65, Math.min(30, digits));
        switch (r.kind()) {
            case ResultKind.INTEGER: {
                BigDecimal v = toDecimal(a[0], ctx).setScale(d, mode);
                return v.setScale(0, mode).longValueExact();
            }
            case ResultKind.UNSIGNED: {
                BigDecimal v = toDecimal(a[0], ctx).setScale(d, mode);
                return MysqlValues.unsignedResult(v.setScale(0, mode), toStr(a[0]));
            }
            case ResultKind.DECIMAL: {
                BigDecimal v = toDecimal(a[0], ctx).setScale(d, mode);
                return d < 0 ? v.setScale(Math.max(0, r.scale()), mode) : v;
            }
            default: {
                double v = toDouble(a[0], ctx);
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    return v;
                }
                return new BigDecimal(Double.toString(v)).setScale(d, mode).doubleValue();
            }
        }
    }

    // ---------------------------------------------------------------- date and time

    private static void temporal(Map<String, MysqlFunction> m) {
        m.put("now", (ctx, a, r) -> withFsp(ctx.statementTime(), a, ctx));
        m.put("sysdate", (ctx, a, r) -> withFsp(LocalDateTime.now(), a, ctx));
        m.put("curdate", (ctx, a, r) -> ctx.statementTime().toLocalDate());
        m.put("curtime", (ctx, a, r) -> MysqlTemporals.toTime(withFsp(ctx.statementTime(), a, ctx), ctx));
        m.put("utc_timestamp", (ctx, a, r) -> LocalDateTime.ofInstant(
                ctx.statementTime().atZone(ZoneId.systemDefault()).toInstant(), java.time.ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
        m.put("date", strict((ctx, a, r) -> MysqlTemporals.toDate(a[0], ctx)));
        m.put("year", strict((ctx, a, r) -> field(ctx, a[0], d -> (long) d.getYear())));
        m.put("month", strict((ctx, a, r) -> field(ctx, a[0], d -> (long) d.getMonthValue())));
        m.put("day", strict((ctx, a, r) -> field(ctx, a[0], d -> (long) d.getDayOfMonth())));
        m.put("dayofweek", strict((ctx, a, r) -> field(ctx, a[0], d -> (long) (d.getDayOfWeek().getValue() % 7 + 1))));
        m.put("weekday", strict((ctx, a, r) -> field(ctx, a[0], d -> (long) (d.getDayOfWeek().getValue() - 1))));
        m.put("dayofyear", strict((ctx, a, r) -> field(ctx, a[0], d -> (long) d.getDayOfYear())));
        m.put("quarter", strict((ctx, a, r) -> field(ctx, a[0], d -> (long) ((d.getMonthValue() + 2) / 3))));
        m.put("dayname", strict((ctx, a, r) -> field(ctx, a[0], d -> d.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH))));
        m.put("monthname", strict((ctx, a, r) -> field(ctx, a[0], d -> d.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH))));
        m.put("hour", strict((ctx, a, r) -> timeField(ctx, a[0], TimeField.HOUR)));
        m.put("minute", strict((ctx, a, r) -> timeField(ctx, a[0], TimeField.MINUTE)));
        m.put("second", strict((ctx, a, r) -> timeField(ctx, a[0], TimeField.SECOND)));
        m.put("microsecond", strict((ctx, a, r) -> timeField(ctx, a[0], TimeField.MICROSECOND)));
        // date_add(base, amount, unit) / date_sub(...): the unit is a literal string operand
        m.put("date_add", (ctx, a, r) -> MysqlTemporals.addInterval(a[0], a[1], toStr(a[2]), false, ctx));
        m.put("date_sub", (ctx, a, r) -> MysqlTemporals.addInterval(a[0], a[1], toStr(a[2]), true, ctx));
        m.put("datediff", strict((ctx, a, r) -> {
            LocalDate x = MysqlTemporals.toDate(a[0], ctx);
            LocalDate y = MysqlTemporals.toDate(a[1], ctx);
            return x == null || y == null ? null : ChronoUnit.DAYS.between(y, x);
        }));
        m.put("date_format", strict((ctx, a, r) -> {
            // a TIME formats as that time on day 0 (hours past a day wrap, as with %H in MySQL's TIME_FORMAT)
            LocalDateTime t = a[0] instanceof Duration d
                    ? LocalDate.of(0, 1, 1).atStartOfDay().plusNanos(Math.floorMod(d.toNanos(), 86_400_000_000_000L))
                    : MysqlTemporals.toDateTime(a[0], ctx);
            return t == null ? null : MysqlTemporals.format(t, toStr(a[1]));
        }));
        m.put("str_to_date", strict((ctx, a, r) -> {
            Object v = MysqlTemporals.parse(toStr(a[0]), toStr(a[1]), ctx);
            if (v == null) {
                return null;
            }
            return switch (r.kind()) {
                case ResultKind.DATE -> v instanceof LocalDateTime t ? t.toLocalDate() : v;
                case ResultKind.TIME -> MysqlTemporals.toTime(v, ctx);
                default -> v instanceof LocalDate d ? d.atStartOfDay() : v;
            };
        }));
        m.put("unix_timestamp", (ctx, a, r) -> {
            if (a.length == 0) {
                return MysqlTemporals.epochSeconds(ctx.statementTime());
            }
            if (a[0] == null) {
                return null;
            }
            LocalDateTime t = MysqlTemporals.toDateTime(a[0], ctx);
            if (t == null) {
                return null;
            }
            long secs = MysqlTemporals.epochSeconds(t);
            if (r.kind() == ResultKind.DECIMAL) {
                return BigDecimal.valueOf(secs).add(BigDecimal.valueOf(t.getNano(), 9)).setScale(r.scale(), RoundingMode.DOWN);
            }
            return secs < 0 ? 0L : secs;
        });
        m.put("from_unixtime", strict((ctx, a, r) -> {
            BigDecimal secs = toDecimal(a[0], ctx);
            if (secs.signum() < 0) {
                return null;
            }
            long whole = secs.setScale(0, RoundingMode.DOWN).longValue();
            int nanos = secs.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
            LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(whole, nanos), ZoneId.systemDefault());
            return a.length > 1 ? MysqlTemporals.format(t, toStr(a[1])) : t;
        }));
        m.put("extract", strict((ctx, a, r) -> extract(ctx, toStr(a[0]).toUpperCase(Locale.ROOT), a[1])));
        m.put("timestampdiff", strict((ctx, a, r) -> {
            LocalDateTime from = MysqlTemporals.toDateTime(a[1], ctx);
            LocalDateTime to = MysqlTemporals.toDateTime(a[2], ctx);
            return from == null || to == null ? null : MysqlTemporals.diff(toStr(a[0]), from, to);
        }));
        m.put("timestampadd", (ctx, a, r) -> MysqlTemporals.addInterval(a[2], a[1], toStr(a[0]), false, ctx));
        // TIME arithmetic: results beyond ±838:59:59 are clipped with a warning
        m.put("timediff", strict((ctx, a, r) -> {
            boolean times = isTime(a[0]) && isTime(a[1]);
            if (times) {
                Duration x = MysqlTemporals.toTime(a[0], ctx);
                Duration y = MysqlTemporals.toTime(a[1], ctx);
                return x == null || y == null ? null : clippedTime(MysqlTemporals.micros(x) - MysqlTemporals.micros(y), ctx);
            }
            if (isTime(a[0]) || isTime(a[1])) {
                return null; // a TIME with a DATETIME: MySQL gives NULL
            }
            LocalDateTime x = MysqlTemporals.toDateTime(a[0], ctx);
            LocalDateTime y = MysqlTemporals.toDateTime(a[1], ctx);
            return x == null || y == null ? null : clippedTime(ChronoUnit.MICROS.between(y, x), ctx);
        }));
        m.put("addtime", strict((ctx, a, r) -> addTime(ctx, a, r, 1)));
        m.put("subtime", strict((ctx, a, r) -> addTime(ctx, a, r, -1)));
        m.put("sec_to_time", strict((ctx, a, r) -> {
            // bounded just past the range first, so any size of input clips (with the warning) like MySQL
            BigDecimal beyond = BigDecimal.valueOf(MysqlTemporals.TIME_MAX_MICROS + 1);
            long micros = toDecimal(a[0], ctx).movePointRight(6).setScale(0, RoundingMode.DOWN)
                    .max(beyond.negate()).min(beyond).longValueExact();
            return MysqlTemporals.round(MysqlTemporals.clipTime(micros, toStr(a[0]), ctx), r.scale());
        }));
        m.put("time_to_sec", strict((ctx, a, r) -> {
            Duration t = MysqlTemporals.toTime(a[0], ctx);
            if (t == null) {
                return null;
            }
            long micros = MysqlTemporals.micros(t);
            return r.kind() == ResultKind.DECIMAL ? BigDecimal.valueOf(micros, 6).setScale(r.scale(), RoundingMode.DOWN)
                    : (Object) (micros / 1_000_000L);
        }));
    }

    private static boolean isTime(Object v) {
        return v instanceof Duration || v instanceof LocalTime
                || (v instanceof String || v instanceof byte[]) && isTimeText(toStr(v));
    }

    /** A string that reads as a TIME rather than a datetime (no date part). */
    private static boolean isTimeText(String s) {
        String t = s.trim();
        return !(t.length() > 10 && t.indexOf('-', 1) > 0);
    }

    private static Duration clippedTime(long micros, StatementContext ctx) {
        return MysqlTemporals.clipTime(micros, MysqlValues.toStr(MysqlTemporals.timeOfMicros(micros)), ctx);
    }

    /** ADDTIME/SUBTIME(x, t): a DATETIME plus a TIME is a DATETIME, a TIME plus a TIME a TIME (clipped). */
    private static Object addTime(StatementContext ctx, Object[] a, ResultKind r, int sign) {
        Duration t = MysqlTemporals.toTime(a[1], ctx);
        if (t == null) {
            return null;
        }
        long delta = sign * MysqlTemporals.micros(t);
        if (isTime(a[0])) {
            Duration x = MysqlTemporals.toTime(a[0], ctx);
            if (x == null) {
                return null;
            }
            Duration sum = clippedTime(MysqlTemporals.micros(x) + delta, ctx);
            return r.kind() == ResultKind.STRING ? toStr(sum) : sum;
        }
        LocalDateTime x = MysqlTemporals.toDateTime(a[0], ctx);
        if (x == null) {
            return null;
        }
        LocalDateTime sum = x.plus(delta, ChronoUnit.MICROS);
        return r.kind() == ResultKind.STRING ? toStr(sum) : sum;
    }

    private static LocalDateTime withFsp(LocalDateTime t, Object[] a, StatementContext ctx) {
        int fsp = a.length > 0 && a[0] != null ? toLong(a[0], ctx).intValue() : 0;
        if (fsp < 0 || fsp > 6) {
            throw ErrorCode.TOO_BIG_PRECISION.error(fsp, "now", 6);
        }
        long unit = (long) Math.pow(10, 9 - fsp);
        return t.withNano((int) (t.getNano() / unit * unit));
    }

    private static Object field(StatementContext ctx, Object v, java.util.function.Function<LocalDate, Object> f) {
        LocalDate d = MysqlTemporals.toDate(v, ctx);
        return d == null ? null : f.apply(d);
    }

    /** The parts of a time: HOUR of a TIME can pass 23 (HOUR('838:59:59') is 838); a negative TIME gives its magnitude's parts. */
    private enum TimeField { HOUR, MINUTE, SECOND, MICROSECOND }

    private static Object timeField(StatementContext ctx, Object v, TimeField f) {
        Duration t = MysqlTemporals.toTime(v, ctx);
        if (t == null) {
            return null;
        }
        long m = Math.abs(MysqlTemporals.micros(t));
        return switch (f) {
            case HOUR -> m / 3_600_000_000L;
            case MINUTE -> m / 60_000_000L % 60;
            case SECOND -> m / 1_000_000L % 60;
            case MICROSECOND -> m % 1_000_000L;
        };
    }

    private static Object extract(StatementContext ctx, String unit, Object v) {
        switch (unit) {
            case "YEAR":
                return field(ctx, v, d -> (long) d.getYear());
            case "QUARTER":
                return field(ctx, v, d -> (long) ((d.getMonthValue() + 2) / 3));
            case "MONTH":
                return field(ctx, v, d -> (long) d.getMonthValue());
            case "WEEK":
                return field(ctx, v, d -> (long) d.get(java.time.temporal.WeekFields.SUNDAY_START.weekOfYear()));
            case "DAY":
                return field(ctx, v, d -> (long) d.getDayOfMonth());
            case "HOUR":
                return timeField(ctx, v, TimeField.HOUR);
            case "MINUTE":
                return timeField(ctx, v, TimeField.MINUTE);
            case "SECOND":
                return timeField(ctx, v, TimeField.SECOND);
            case "MICROSECOND":
                return timeField(ctx, v, TimeField.MICROSECOND);
            case "YEAR_MONTH":
                return field(ctx, v, d -> d.getYear() * 100L + d.getMonthValue());
            default: {
                LocalDateTime t = MysqlTemporals.toDateTime(v, ctx);
                if (t == null) {
                    return null;
                }
                return switch (unit) {
                    case "DAY_HOUR" -> t.getDayOfMonth() * 100L + t.getHour();
                    case "DAY_MINUTE" -> (t.getDayOfMonth() * 100L + t.getHour()) * 100 + t.getMinute();
                    case "DAY_SECOND" -> ((t.getDayOfMonth() * 100L + t.getHour()) * 100 + t.getMinute()) * 100 + t.getSecond();
                    case "HOUR_MINUTE" -> t.getHour() * 100L + t.getMinute();
                    case "HOUR_SECOND" -> (t.getHour() * 100L + t.getMinute()) * 100 + t.getSecond();
                    case "MINUTE_SECOND" -> t.getMinute() * 100L + t.getSecond();
                    default -> throw ErrorCode.NOT_SUPPORTED_YET.error("EXTRACT unit " + unit);
                };
            }
        }
    }

    // ---------------------------------------------------------------- casts

    private static void casts(Map<String, MysqlFunction> m) {
        m.put("cast_signed", strict((ctx, a, r) -> {
            if (a[0] instanceof String || a[0] instanceof byte[]) {
                // MySQL reads only the integer prefix of a string when casting to an integer
                String s = toStr(a[0]).trim();
                String p = MysqlValues.integerPrefix(s);
                if (p.length() != s.length()) {
                    MysqlValues.truncatedWarning(ctx, "INTEGER", s);
                }
                if (p.isEmpty() || p.equals("-") || p.equals("+")) {
                    return 0L;
                }
                try {
                    return Long.parseLong(p);
                } catch (NumberFormatException e) {
                    return p.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
                }
            }
            if (a[0] instanceof BigInteger bi) {
                return bi.longValue(); // BIGINT UNSIGNED above 2^63-1 wraps, as in MySQL
            }
            if (a[0] instanceof BigDecimal d && d.scale() == 0 && d.signum() > 0 && d.compareTo(MysqlValues.UNSIGNED_MAX) <= 0) {
                return d.toBigInteger().longValue(); // an unsigned literal such as 18446744073709551615
            }
            return toLong(a[0], ctx);
        }));
        m.put("cast_unsigned", strict((ctx, a, r) -> castUnsigned(ctx, a[0])));
        m.put("cast_char", strict((ctx, a, r) -> {
            String s = toStr(a[0]);
            if (a.length > 1 && a[1] != null) {
                long n = toLong(a[1], ctx);
                if (n >= 0 && s.codePointCount(0, s.length()) > n) {
                    s = s.substring(0, s.offsetByCodePoints(0, (int) n));
                }
            }
            return s;
        }));
        m.put("cast_decimal", strict((ctx, a, r) -> toDecimal(a[0], ctx).setScale(r.scale(), RoundingMode.HALF_UP)));
        m.put("cast_double", strict((ctx, a, r) -> toDouble(a[0], ctx)));
        m.put("cast_date", strict((ctx, a, r) -> MysqlTemporals.toDate(a[0], ctx)));
        // explicit casts round to the target's fsp (the result's "scale"); implicit conversions are exact
        m.put("cast_datetime", strict((ctx, a, r) -> {
            LocalDateTime t = MysqlTemporals.toDateTime(a[0], ctx);
            return t == null ? null : MysqlTemporals.round(t, r.scale());
        }));
        m.put("cast_time", strict((ctx, a, r) -> {
            Duration t = MysqlTemporals.toTime(a[0], ctx);
            return t == null ? null : MysqlTemporals.round(t, r.scale());
        }));
        m.put("to_datetime", strict((ctx, a, r) -> MysqlTemporals.toDateTime(a[0], ctx)));
        m.put("to_time", strict((ctx, a, r) -> MysqlTemporals.toTime(a[0], ctx)));
        m.put("to_decimal", strict((ctx, a, r) -> toDecimal(a[0], ctx).setScale(r.scale(), RoundingMode.HALF_UP)));
        m.put("cast_binary", strict((ctx, a, r) -> MysqlValues.toBytes(a[0])));
        m.put("temporal_text", strict((ctx, a, r) -> {
            int fsp = toLong(a[1], ctx).intValue();
            if (a[0] instanceof LocalDateTime t) {
                return MysqlText.formatDateTime(t, fsp);
            }
            return a[0] instanceof Duration d ? MysqlText.formatTime(d, fsp) : toStr(a[0]);
        }));
    }

    /**
     * CAST(x AS UNSIGNED), MySQL's way: integers keep their 64 bits ({@code CAST(-1 AS UNSIGNED)}
     * is 2^64-1), so do doubles once rounded; an exact decimal is clamped to 0 … 2^64-1; a string
     * is read as an integer, a negative one converted to its complement with a warning.
     */
    private static Object castUnsigned(StatementContext ctx, Object v) {
        if (v instanceof BigInteger || v instanceof Long) {
            return v instanceof Long l ? unsignedOfBits(l) : v;
        }
        if (v instanceof BigDecimal d) {
            BigDecimal i = d.setScale(0, RoundingMode.HALF_UP);
            return i.signum() < 0 ? 0L : MysqlValues.unsigned(i.min(MysqlValues.UNSIGNED_MAX).toBigInteger());
        }
        if (v instanceof String || v instanceof byte[]) {
            String s = toStr(v).trim();
            String p = MysqlValues.integerPrefix(s);
            if (p.length() != s.length()) {
                MysqlValues.truncatedWarning(ctx, "INTEGER", s);
            }
            if (p.isEmpty() || p.equals("-") || p.equals("+")) {
                return 0L;
            }
            BigInteger i = new BigInteger(p);
            if (i.signum() < 0) {
                if (ctx != null) {
                    ctx.warn("Note", ErrorCode.INTERNAL.mysqlCode(),
                            "Cast to unsigned converted negative integer to it's positive complement");
                }
                return unsignedOfBits(i.bitLength() > 63 ? Long.MIN_VALUE : i.longValue());
            }
            return MysqlValues.unsigned(i.min(MysqlValues.UNSIGNED_MAX.toBigInteger()));
        }
        return unsignedOfBits(bitsOf(v, ctx));
    }

    // ---------------------------------------------------------------- session values

    private static void session(Map<String, MysqlFunction> m) {
        m.put("last_insert_id", (ctx, a, r) -> ctx.lastInsertId());
        m.put("row_count", (ctx, a, r) -> ctx.previousRowCount());
        m.put("database", (ctx, a, r) -> ctx.currentDatabase());
        m.put("user", (ctx, a, r) -> ctx.user());
        m.put("connection_id", (ctx, a, r) -> ctx.connectionId());
        m.put("version", (ctx, a, r) -> toStr(ctx.systemVariable("version", false)));
        // sysvar(name, global) and uservar(name): names are literal operands
        m.put("sysvar", (ctx, a, r) -> ctx.systemVariable(toStr(a[0]), Boolean.TRUE.equals(MysqlValues.truth(a[1], ctx))));
        m.put("uservar", (ctx, a, r) -> ctx.userVariable(toStr(a[0])));
    }

    /** UTF-8 bytes of a string (binary strings stay as they are). */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
