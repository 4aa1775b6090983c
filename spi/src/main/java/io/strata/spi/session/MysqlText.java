package io.strata.spi.session;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * How MySQL spells a value as text: the text protocol's row values, and {@code CAST(x AS CHAR)}.
 * This is the one place that knows these formats; the protocol layer and the SQL layer both call it.
 *
 * <p>Formats, as MySQL 8 prints them:
 * <ul>
 *   <li>integers in decimal; {@link BigDecimal} with {@link BigDecimal#toPlainString()} (the scale is
 *       the column's, so {@code DECIMAL(5,2)} 1 prints {@code 1.00} when the value carries scale 2);</li>
 *   <li>DOUBLE as the shortest decimal string that reads back to the same double (David Gay's
 *       {@code dtoa} mode 0), laid out by MySQL's {@code my_gcvt}: plain notation when the decimal
 *       exponent is in [-14, 15] or the number has a fractional part, otherwise {@code d.ddde[-]N}
 *       with no {@code +} and no leading zeros in the exponent: {@code 1e20}, {@code 0.1},
 *       {@code 1.2345678901234568e17}, {@code 1e-15} is {@code 0.000000000000001},
 *       {@code 1e-16} stays {@code 1e-16}; negative zero prints {@code -0} (as in the transcripts of
 *       MySQL bug #67978, where a DOUBLE column shows both {@code -0} and {@code 0});</li>
 *   <li>FLOAT with at most 6 significant digits ({@code FLT_DIG}), same layout: {@code 1.23457};</li>
 *   <li>DOUBLE or FLOAT of a column with fixed decimals ({@code DOUBLE(10,2)}, decimals below
 *       {@link #NOT_FIXED_DEC}): exactly that many digits after the point, correctly rounded from the
 *       binary value, as MySQL's {@code my_fcvt}: 1.5 prints {@code 1.50};</li>
 *   <li>DATE {@code 2024-01-05}; DATETIME/TIMESTAMP {@code 2024-01-05 10:20:30} plus {@code .ffffff}
 *       cut to the column's fractional digits (0 to 6); TIME {@code 10:20:30[.ffffff]}, and for a
 *       {@link Duration} the MySQL TIME range with hours above 24 and a sign ({@code -838:59:59});</li>
 *   <li>byte[] as the raw bytes; Boolean as {@code 1}/{@code 0}; String as is.</li>
 * </ul>
 * Infinity and NaN cannot be stored in MySQL; like MySQL's {@code my_gcvt} they print as {@code 0}.
 */
public final class MysqlText {
    /** Column "decimals" value MySQL sends when the number of fractional digits is not fixed. */
    public static final int NOT_FIXED_DEC = 0x1f;

    /** {@code DBL_DIG}: above 10^15 (or below 10^-14) MySQL switches integers to the 'e' format. */
    private static final int MAX_DECPT_FOR_F_FORMAT = 15;
    private static final int FLT_DIG = 6;

    private MysqlText() {
    }

    /**
     * The text form of a value, or null for SQL NULL.
     *
     * @param decimals the column's fractional digits: the precision of DATETIME/TIME fractions
     *                 (0..6; {@link #NOT_FIXED_DEC} prints the microseconds when they are not zero)
     */
    public static String toText(Object value, int decimals) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double d) {
            return decimals < NOT_FIXED_DEC ? formatFixed(d, decimals) : formatDouble(d);
        }
        if (value instanceof Float f) {
            return decimals < NOT_FIXED_DEC ? formatFixed(f, decimals) : formatFloat(f);
        }
        if (value instanceof LocalDateTime dt) {
            return formatDateTime(dt, decimals);
        }
        if (value instanceof LocalDate d) {
            return formatDate(d);
        }
        if (value instanceof LocalTime t) {
            return formatTime(t, decimals);
        }
        if (value instanceof Duration d) {
            return formatTime(d, decimals);
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("no MySQL text form for " + value.getClass().getName());
    }

    /**
     * The bytes the text protocol sends for a value, or null for SQL NULL: byte[] unchanged,
     * everything else as the UTF-8 of {@link #toText}.
     */
    public static byte[] toBytes(Object value, int decimals) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        return toText(value, decimals).getBytes(StandardCharsets.UTF_8);
    }

    /** A DOUBLE as MySQL prints it (shortest round-trip digits, MySQL's choice of layout). */
    public static String formatDouble(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "0";
        }
        boolean negative = (Double.doubleToRawLongBits(value) & Long.MIN_VALUE) != 0;
        if (value == 0) {
            return negative ? "-0" : "0";
        }
        BigDecimal shortest = shortestRoundTrip(Math.abs(value));
        return layout(negative, shortest);
    }

    /**
     * A DOUBLE or FLOAT with a fixed number of decimals (MySQL's {@code my_fcvt}): the exact binary
     * value rounded half-even to {@code decimals} places, never in exponent form; a negative value
     * that rounds to zero keeps its sign, as dtoa reports it ({@code -0.00}).
     */
    public static String formatFixed(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "0";
        }
        String text = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        // dtoa keeps the sign of a value that rounds to zero (and of -0.0): MySQL prints "-0.00".
        boolean negative = (Double.doubleToRawLongBits(value) & Long.MIN_VALUE) != 0;
        return negative && !text.startsWith("-") ? "-" + text : text;
    }

    /** A FLOAT as MySQL prints it: at most six significant digits, trailing zeros dropped. */
    public static String formatFloat(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            return "0";
        }
        boolean negative = (Float.floatToRawIntBits(value) & 0x80000000) != 0;
        if (value == 0) {
            return negative ? "-0" : "0";
        }
        // MySQL widens the float to double and asks dtoa for FLT_DIG digits; dtoa's mode 4 would
        // stop earlier only if fewer digits already read back to the same double.
        double wide = Math.abs((double) value);
        BigDecimal exact = new BigDecimal(wide);
        BigDecimal digits = null;
        for (int p = 1; p <= FLT_DIG; p++) {
            BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == wide) {
                digits = candidate;
                break;
            }
        }
        if (digits == null) {
            digits = exact.round(new MathContext(FLT_DIG, RoundingMode.HALF_EVEN));
        }
        return layout(negative, digits.stripTrailingZeros());
    }

    /**
     * The shortest decimal that reads back as {@code value} (positive, finite), closest to the
     * exact binary value among those of that length. Java 17's {@link Double#toString} always
     * round-trips but may carry one digit too many (JDK-4511638), so shorter roundings are tried.
     */
    private static BigDecimal shortestRoundTrip(double value) {
        BigDecimal best = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        BigDecimal exact = new BigDecimal(value);
        for (int p = best.precision() - 1; p >= 1; p--) {
            BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() != value) {
                break;
            }
            best = candidate.stripTrailingZeros();
        }
        return best;
    }

    /**
     * MySQL's {@code my_gcvt} choice between 'f' and 'e' layout for a field wide enough to hold
     * every significant digit: 'f' unless the decimal point position {@code decpt} (digits before
     * the point, as dtoa reports it) is below -14, or above 15 for a number without fraction.
     */
    private static String layout(boolean negative, BigDecimal positive) {
        String digits = positive.unscaledValue().toString();
        int len = digits.length();
        int decpt = len - positive.scale();
        StringBuilder out = new StringBuilder(len + 8);
        if (negative) {
            out.append('-');
        }
        boolean fFormat = decpt >= -MAX_DECPT_FOR_F_FORMAT + 1 && (decpt <= MAX_DECPT_FOR_F_FORMAT || len > decpt);
        if (fFormat) {
            if (decpt <= 0) {
                out.append("0.");
                out.append("0".repeat(-decpt));
                out.append(digits);
            } else if (decpt < len) {
                out.append(digits, 0, decpt).append('.').append(digits, decpt, len);
            } else {
                out.append(digits);
                out.append("0".repeat(decpt - len));
            }
        } else {
            out.append(digits.charAt(0));
            if (len > 1) {
                out.append('.').append(digits, 1, len);
            }
            out.append('e').append(decpt - 1);
        }
        return out.toString();
    }

    /** {@code YYYY-MM-DD}, years zero-padded to four digits. */
    public static String formatDate(LocalDate date) {
        StringBuilder out = new StringBuilder(10);
        appendDate(out, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
        return out.toString();
    }

    /** {@code YYYY-MM-DD hh:mm:ss[.f…]} with {@code decimals} fractional digits (truncated). */
    public static String formatDateTime(LocalDateTime dateTime, int decimals) {
        StringBuilder out = new StringBuilder(26);
        appendDate(out, dateTime.getYear(), dateTime.getMonthValue(), dateTime.getDayOfMonth());
        out.append(' ');
        appendTime(out, dateTime.getHour(), dateTime.getMinute(), dateTime.getSecond());
        appendFraction(out, dateTime.getNano(), decimals);
        return out.toString();
    }

    /** {@code hh:mm:ss[.f…]} with {@code decimals} fractional digits (truncated). */
    public static String formatTime(LocalTime time, int decimals) {
        StringBuilder out = new StringBuilder(15);
        appendTime(out, time.getHour(), time.getMinute(), time.getSecond());
        appendFraction(out, time.getNano(), decimals);
        return out.toString();
    }

    /** A TIME value outside a day: {@code [-]h…hh:mm:ss[.f…]}, hours at least two digits. */
    public static String formatTime(Duration time, int decimals) {
        StringBuilder out = new StringBuilder(16);
        Duration abs = time.abs();
        if (time.isNegative()) {
            out.append('-');
        }
        long hours = abs.toHours();
        if (hours < 10) {
            out.append('0');
        }
        out.append(hours).append(':');
        appendTwo(out, abs.toMinutesPart());
        out.append(':');
        appendTwo(out, abs.toSecondsPart());
        appendFraction(out, abs.toNanosPart(), decimals);
        return out.toString();
    }

    private static void appendDate(StringBuilder out, int year, int month, int day) {
        String y = Integer.toString(year);
        out.append("0".repeat(Math.max(0, 4 - y.length()))).append(y).append('-');
        appendTwo(out, month);
        out.append('-');
        appendTwo(out, day);
    }

    private static void appendTime(StringBuilder out, int hour, int minute, int second) {
        appendTwo(out, hour);
        out.append(':');
        appendTwo(out, minute);
        out.append(':');
        appendTwo(out, second);
    }

    private static void appendFraction(StringBuilder out, int nanos, int decimals) {
        int digits = decimals;
        if (decimals > 6) {
            digits = nanos / 1000 == 0 ? 0 : 6;
        }
        if (digits <= 0) {
            return;
        }
        String micros = Integer.toString(nanos / 1000);
        String six = "0".repeat(6 - micros.length()) + micros;
        out.append('.').append(six, 0, digits);
    }

    private static void appendTwo(StringBuilder out, int value) {
        if (value < 10) {
            out.append('0');
        }
        out.append(value);
    }
}
