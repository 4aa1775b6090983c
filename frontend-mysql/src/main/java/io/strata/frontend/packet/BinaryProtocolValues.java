package io.strata.frontend.packet;

import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.MysqlText;
import io.strata.spi.session.MysqlType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Values in the binary protocol (prepared statements): fixed-width little-endian integers and
 * IEEE floats, length-prefixed structs for temporal types, length-encoded strings for the rest.
 * Reads produce the Java types {@code SqlSession.executePrepared} expects; writes accept the
 * types a {@code QueryResult} row holds and convert leniently between numeric kinds.
 *
 * <p>A TIME parameter is read as a signed {@link Duration} (MySQL's TIME reaches ±838 hours); the
 * zero date, which {@code java.time} cannot hold, is read as its MySQL text {@code "0000-00-00"}.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_binary_resultset.html#sect_protocol_binary_resultset_row_value">Binary Protocol Value</a>
 */
public final class BinaryProtocolValues {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private BinaryProtocolValues() {
    }

    // ---- decoding parameters ----

    public static Object read(MySqlPayload payload, MysqlType type, boolean unsigned) {
        switch (type) {
            case NULL:
                return null;
            case TINY: {
                int v = payload.readInt1();
                return (long) (unsigned ? v : (byte) v);
            }
            case SHORT:
            case YEAR: {
                int v = payload.readInt2();
                return (long) (unsigned ? v : (short) v);
            }
            case LONG:
            case INT24: {
                long v = payload.readInt4();
                return unsigned ? v : (long) (int) v;
            }
            case LONGLONG: {
                long v = payload.readInt8();
                if (unsigned && v < 0) {
                    return BigInteger.valueOf(v).add(TWO_64);
                }
                return v;
            }
            case FLOAT:
                return Float.intBitsToFloat((int) payload.readInt4());
            case DOUBLE:
                return Double.longBitsToDouble(payload.readInt8());
            case DECIMAL:
            case NEWDECIMAL: {
                String text = payload.readStringLenenc();
                try {
                    return new BigDecimal(text);
                } catch (NumberFormatException e) {
                    throw new MalformedPacketException("bad DECIMAL parameter '" + text + "'");
                }
            }
            case DATE:
            case DATETIME:
            case TIMESTAMP:
                return readDateTime(payload, type);
            case TIME:
                return readTime(payload);
            case TINY_BLOB:
            case MEDIUM_BLOB:
            case LONG_BLOB:
            case BLOB:
            case GEOMETRY:
            case BIT:
                return payload.readBytesLenenc();
            case VARCHAR:
            case VAR_STRING:
            case STRING:
            case ENUM:
            case SET:
            case JSON:
                return text(payload.readBytesLenenc());
            default:
                throw new MalformedPacketException("unsupported parameter type " + type);
        }
    }

    /**
     * A string parameter: text in the connection's character set (UTF-8), unless its bytes are not
     * valid UTF-8. Clients send VARBINARY/BINARY values with the string type codes too (Connector/J
     * binds {@code setBytes} as MYSQL_TYPE_STRING), so such bytes stay byte[] rather than being
     * mangled into replacement characters.
     */
    public static Object text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return bytes;
        }
    }

    private static Object readDateTime(MySqlPayload payload, MysqlType type) {
        int length = payload.readInt1();
        if (length != 0 && length != 4 && length != 7 && length != 11) {
            throw new MalformedPacketException("bad " + type + " length " + length);
        }
        int year = 0;
        int month = 0;
        int day = 0;
        int hour = 0;
        int minute = 0;
        int second = 0;
        long micros = 0;
        if (length >= 4) {
            year = payload.readInt2();
            month = payload.readInt1();
            day = payload.readInt1();
        }
        if (length >= 7) {
            hour = payload.readInt1();
            minute = payload.readInt1();
            second = payload.readInt1();
        }
        if (length == 11) {
            micros = payload.readInt4();
        }
        if (month == 0 || day == 0) {
            // The zero date (or a date with zero parts) exists in MySQL only.
            String date = String.format(java.util.Locale.ROOT, "%04d-%02d-%02d", year, month, day);
            return type == MysqlType.DATE ? date
                    : date + String.format(java.util.Locale.ROOT, " %02d:%02d:%02d", hour, minute, second);
        }
        try {
            if (type == MysqlType.DATE) {
                return LocalDate.of(year, month, day);
            }
            if (micros > 999_999) {
                throw new MalformedPacketException("bad microseconds " + micros);
            }
            return LocalDateTime.of(year, month, day, hour, minute, second, (int) micros * 1000);
        } catch (java.time.DateTimeException e) {
            throw new MalformedPacketException("bad " + type + " value: " + e.getMessage());
        }
    }

    private static Object readTime(MySqlPayload payload) {
        int length = payload.readInt1();
        if (length != 0 && length != 8 && length != 12) {
            throw new MalformedPacketException("bad TIME length " + length);
        }
        if (length == 0) {
            return Duration.ZERO;
        }
        boolean negative = payload.readInt1() != 0;
        long days = payload.readInt4();
        int hour = payload.readInt1();
        int minute = payload.readInt1();
        int second = payload.readInt1();
        long micros = length == 12 ? payload.readInt4() : 0;
        if (hour > 23 || minute > 59 || second > 59 || micros > 999_999 || days > 34) {
            throw new MalformedPacketException("bad TIME value");
        }
        // the engine's TIME: a signed Duration (MySQL's range is ±838:59:59, up to 34 days)
        Duration d = Duration.ofDays(days).plusHours(hour).plusMinutes(minute).plusSeconds(second).plusNanos(micros * 1000);
        return negative ? d.negated() : d;
    }

    // ---- encoding result values ----

    /** True when the column's values go on the wire as NULL regardless of the row. */
    public static boolean alwaysNull(ColumnMeta column) {
        return column.type() == MysqlType.NULL;
    }

    public static void write(MySqlPayload payload, ColumnMeta column, Object value) {
        switch (column.type()) {
            case TINY -> payload.writeInt1((int) toLong(value));
            case SHORT, YEAR -> payload.writeInt2((int) toLong(value));
            case LONG, INT24 -> payload.writeInt4(toLong(value));
            case LONGLONG -> payload.writeInt8(toLong(value));
            case FLOAT -> payload.byteBuf().writeIntLE(Float.floatToIntBits(toNumber(value).floatValue()));
            case DOUBLE -> payload.byteBuf().writeLongLE(Double.doubleToLongBits(toNumber(value).doubleValue()));
            case DATE -> writeDate(payload, value);
            case DATETIME, TIMESTAMP -> writeDateTime(payload, value);
            case TIME -> writeTime(payload, value);
            default -> payload.writeBytesLenenc(MysqlText.toBytes(value, column.decimals()));
        }
    }

    private static Number toNumber(Object value) {
        if (value instanceof Number n) {
            return n;
        }
        if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (value instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return 0L;
            }
        }
        throw new IllegalArgumentException("not a number: " + value.getClass().getName());
    }

    /** The two's-complement bits of an integer value (BIGINT UNSIGNED above 2^63 wraps, as on the wire). */
    private static long toLong(Object value) {
        Number n = toNumber(value);
        if (n instanceof BigDecimal d) {
            return d.toBigInteger().longValue();
        }
        return n.longValue();
    }

    private static void writeDate(MySqlPayload payload, Object value) {
        LocalDate date = value instanceof LocalDateTime dt ? dt.toLocalDate() : (LocalDate) asTemporal(value);
        if (date == null) {
            payload.writeInt1(0);
            return;
        }
        payload.writeInt1(4).writeInt2(date.getYear()).writeInt1(date.getMonthValue()).writeInt1(date.getDayOfMonth());
    }

    private static void writeDateTime(MySqlPayload payload, Object value) {
        Object t = asTemporal(value);
        if (t == null) {
            payload.writeInt1(0);
            return;
        }
        LocalDateTime dt = t instanceof LocalDate d ? d.atStartOfDay() : (LocalDateTime) t;
        int micros = dt.getNano() / 1000;
        boolean hasTime = dt.getHour() != 0 || dt.getMinute() != 0 || dt.getSecond() != 0;
        int length = micros != 0 ? 11 : hasTime ? 7 : 4;
        payload.writeInt1(length).writeInt2(dt.getYear()).writeInt1(dt.getMonthValue()).writeInt1(dt.getDayOfMonth());
        if (length >= 7) {
            payload.writeInt1(dt.getHour()).writeInt1(dt.getMinute()).writeInt1(dt.getSecond());
        }
        if (length == 11) {
            payload.writeInt4(micros);
        }
    }

    /** LocalDate, LocalDateTime, or null for the zero date (whose text starts with "0000-00-00"). */
    private static Object asTemporal(Object value) {
        if (value instanceof LocalDate || value instanceof LocalDateTime) {
            return value;
        }
        if (value instanceof String s) {
            String text = s.trim();
            if (text.startsWith("0000-00-00")) {
                return null;
            }
            try {
                return text.length() <= 10 ? LocalDate.parse(text) : LocalDateTime.parse(text.replace(' ', 'T'));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("not a date: " + s);
            }
        }
        throw new IllegalArgumentException("not a date: " + value.getClass().getName());
    }

    private static void writeTime(MySqlPayload payload, Object value) {
        Duration d;
        if (value instanceof LocalTime t) {
            d = Duration.ofNanos(t.toNanoOfDay());
        } else if (value instanceof Duration duration) {
            d = duration;
        } else if (value instanceof LocalDateTime dt) {
            d = Duration.ofNanos(dt.toLocalTime().toNanoOfDay());
        } else if (value instanceof String s) {
            d = parseTime(s.trim());
        } else {
            throw new IllegalArgumentException("not a time: " + value.getClass().getName());
        }
        if (d.isZero()) {
            payload.writeInt1(0);
            return;
        }
        Duration abs = d.abs();
        int micros = abs.toNanosPart() / 1000;
        payload.writeInt1(micros != 0 ? 12 : 8);
        payload.writeInt1(d.isNegative() ? 1 : 0);
        payload.writeInt4(abs.toDaysPart());
        payload.writeInt1(abs.toHoursPart()).writeInt1(abs.toMinutesPart()).writeInt1(abs.toSecondsPart());
        if (micros != 0) {
            payload.writeInt4(micros);
        }
    }

    /** Parses MySQL TIME text {@code [-]h…h:mm:ss[.ffffff]}. */
    private static Duration parseTime(String text) {
        boolean negative = text.startsWith("-");
        String body = negative ? text.substring(1) : text;
        String[] parts = body.split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a time: " + text);
        }
        String[] secs = parts[2].split("\\.");
        long nanos = 0;
        if (secs.length > 1) {
            String frac = (secs[1] + "000000000").substring(0, 9);
            nanos = Long.parseLong(frac);
        }
        Duration d = Duration.ofHours(Long.parseLong(parts[0])).plusMinutes(Long.parseLong(parts[1]))
                .plusSeconds(Long.parseLong(secs[0])).plusNanos(nanos);
        return negative ? d.negated() : d;
    }
}
