package io.strata.spi.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Order-preserving ("memcomparable") encodings: for values a and b of the same kind,
 * {@code a < b} exactly when the unsigned lexicographic order of their encodings says so.
 * Keys of rows and index entries are built from these, so a RocksDB seek is a range query.
 *
 * <p>Each encoded datum begins with a flag byte naming its kind; NULL (flag 0) sorts before
 * everything, as MySQL orders NULLs first. Layouts follow TiDB's codec where one exists:
 * <ul>
 *   <li>INT: flag, 8 bytes big-endian with the sign bit flipped</li>
 *   <li>UINT: flag, 8 bytes big-endian</li>
 *   <li>FLOAT: flag, IEEE bits with the sign bit flipped for positives and all bits inverted for negatives</li>
 *   <li>BYTES: flag, then 8-byte groups each followed by a marker {@code 0xFF - padding}</li>
 *   <li>DECIMAL: flag, sign byte, then for non-zero values the exponent and the digit string
 *       (as BYTES), all inverted for negative values</li>
 * </ul>
 * BIGINT UNSIGNED values are INT up to 2^63-1 and UINT above ({@link #encodeUnsigned}).
 * Temporal values are encoded as INT: DATE as epoch day, DATETIME as microseconds since
 * 1970-01-01 00:00 (no zone), TIME as signed microseconds (a Duration; a LocalTime as those of its day).
 */
public final class MemComparable {
    public static final byte NULL_FLAG = 0;
    public static final byte BYTES_FLAG = 1;
    public static final byte INT_FLAG = 3;
    public static final byte UINT_FLAG = 4;
    public static final byte FLOAT_FLAG = 5;
    public static final byte DECIMAL_FLAG = 6;
    /** Greater than every flag: used to build exclusive upper bounds of prefixes. */
    public static final byte MAX_FLAG = (byte) 0xFA;

    private static final int GROUP = 8;
    private static final byte PAD = 0;
    private static final byte MARKER = (byte) 0xFF;
    private static final long SIGN = 0x8000_0000_0000_0000L;

    private MemComparable() {
    }

    public static void encodeNull(ByteWriter w) {
        w.put(NULL_FLAG);
    }

    public static void encodeInt(ByteWriter w, long v) {
        w.put(INT_FLAG).putLongBE(v ^ SIGN);
    }

    public static void encodeUint(ByteWriter w, long v) {
        w.put(UINT_FLAG).putLongBE(v);
    }

    /**
     * A BIGINT UNSIGNED value (0 … 2^64-1) given as a BigInteger. Below 2^63 it is encoded as the
     * INT it equals, so the engine's two forms of one unsigned value (a Long up to 2^63-1, a
     * BigInteger above) always encode alike; the rest as UINT, whose flag sorts after INT, so an
     * unsigned column keeps its order across the boundary.
     */
    public static void encodeUnsigned(ByteWriter w, BigInteger v) {
        if (v.signum() < 0 || v.bitLength() > 64) {
            throw new IllegalArgumentException("not a BIGINT UNSIGNED value: " + v);
        }
        if (v.bitLength() < 64) {
            encodeInt(w, v.longValue());
        } else {
            encodeUint(w, v.longValue());
        }
    }

    public static void encodeDouble(ByteWriter w, double d) {
        if (d == 0.0) {
            d = 0.0; // -0.0 and 0.0 are equal in SQL
        }
        long bits = Double.doubleToLongBits(d);
        bits = bits >= 0 ? bits | SIGN : ~bits;
        w.put(FLOAT_FLAG).putLongBE(bits);
    }

    public static void encodeBytes(ByteWriter w, byte[] b) {
        w.put(BYTES_FLAG);
        encodeGroups(w, b);
    }

    public static void encodeString(ByteWriter w, String s) {
        encodeBytes(w, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void encodeGroups(ByteWriter w, byte[] b) {
        int i = 0;
        while (true) {
            int remain = b.length - i;
            if (remain >= GROUP) {
                w.put(b, i, GROUP).put(MARKER);
                i += GROUP;
                // a string whose length is a multiple of 8 still ends with a full pad group
            } else {
                w.put(b, i, remain);
                for (int p = remain; p < GROUP; p++) {
                    w.put(PAD);
                }
                w.put((byte) (0xFF - (GROUP - remain)));
                return;
            }
        }
    }

    public static void encodeDecimal(ByteWriter w, BigDecimal d) {
        w.put(DECIMAL_FLAG);
        int sign = d.signum();
        if (sign == 0) {
            w.put((byte) 1);
            return;
        }
        BigDecimal abs = d.abs().stripTrailingZeros();
        String digits = abs.unscaledValue().toString();
        long exponent = (long) digits.length() - abs.scale(); // value = 0.digits * 10^exponent
        ByteWriter body = new ByteWriter(16 + digits.length());
        body.putLongBE(exponent ^ SIGN);
        encodeGroups(body, digits.getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = body.toByteArray();
        if (sign < 0) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) ~bytes[i];
            }
            w.put((byte) 0);
        } else {
            w.put((byte) 2);
        }
        w.put(bytes);
    }

    /**
     * Encodes a SQL value of one of the Java types the engine uses: Long/Integer/Short/Byte, BigInteger
     * (unsigned BIGINT), BigDecimal, Double/Float, String, byte[], Boolean, LocalDate, LocalDateTime,
     * LocalTime or Duration (TIME), or null.
     */
    public static void encodeDatum(ByteWriter w, Object v) {
        if (v == null) {
            encodeNull(w);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            encodeInt(w, ((Number) v).longValue());
        } else if (v instanceof BigInteger bi) {
            encodeUnsigned(w, bi);
        } else if (v instanceof BigDecimal bd) {
            encodeDecimal(w, bd);
        } else if (v instanceof Double || v instanceof Float) {
            encodeDouble(w, ((Number) v).doubleValue());
        } else if (v instanceof String s) {
            encodeString(w, s);
        } else if (v instanceof byte[] b) {
            encodeBytes(w, b);
        } else if (v instanceof Boolean b) {
            encodeInt(w, b ? 1 : 0);
        } else if (v instanceof LocalDate d) {
            encodeInt(w, d.toEpochDay());
        } else if (v instanceof LocalDateTime dt) {
            encodeInt(w, datetimeToMicros(dt));
        } else if (v instanceof Duration d) {
            encodeInt(w, timeToMicros(d));
        } else if (v instanceof LocalTime t) {
            encodeInt(w, t.toNanoOfDay() / 1000);
        } else {
            throw new IllegalArgumentException("cannot encode " + v.getClass().getName());
        }
    }

    public static long datetimeToMicros(LocalDateTime dt) {
        return dt.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + dt.getNano() / 1000;
    }

    /** A TIME value (a signed Duration, MySQL's ±838:59:59) in signed microseconds. */
    public static long timeToMicros(Duration d) {
        return d.getSeconds() * 1_000_000L + d.getNano() / 1000;
    }

    public static Duration microsToTime(long micros) {
        return Duration.ofSeconds(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    public static LocalDateTime microsToDatetime(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    }

    // ------------------------------------------------------------------ decoding

    public static long decodeInt(ByteReader r) {
        expect(r, INT_FLAG);
        return r.getLongBE() ^ SIGN;
    }

    public static long decodeUint(ByteReader r) {
        expect(r, UINT_FLAG);
        return r.getLongBE();
    }

    public static double decodeDouble(ByteReader r) {
        expect(r, FLOAT_FLAG);
        long bits = r.getLongBE();
        bits = bits < 0 ? bits & ~SIGN : ~bits;
        return Double.longBitsToDouble(bits);
    }

    public static byte[] decodeBytes(ByteReader r) {
        expect(r, BYTES_FLAG);
        return decodeGroups(r, false);
    }

    private static byte[] decodeGroups(ByteReader r, boolean inverted) {
        ByteWriter out = new ByteWriter();
        while (true) {
            byte[] group = r.getBytes(GROUP);
            byte marker = r.get();
            if (inverted) {
                for (int i = 0; i < GROUP; i++) {
                    group[i] = (byte) ~group[i];
                }
                marker = (byte) ~marker;
            }
            int pad = 0xFF - (marker & 0xFF);
            if (pad == 0) {
                out.put(group);
                continue;
            }
            if (pad > GROUP) {
                throw new IllegalArgumentException("bad group marker " + (marker & 0xFF));
            }
            out.put(group, 0, GROUP - pad);
            return out.toByteArray();
        }
    }

    public static BigDecimal decodeDecimal(ByteReader r) {
        expect(r, DECIMAL_FLAG);
        byte sign = r.get();
        if (sign == 1) {
            return BigDecimal.ZERO;
        }
        boolean neg = sign == 0;
        long expBits = r.getLongBE();
        long exponent = (neg ? ~expBits : expBits) ^ SIGN;
        String digits = new String(decodeGroups(r, neg), StandardCharsets.US_ASCII);
        BigDecimal v = new BigDecimal(new BigInteger(digits), (int) (digits.length() - exponent));
        return neg ? v.negate() : v;
    }

    /**
     * Decodes one datum of whatever kind the flag names: INT as Long, UINT as BigInteger, FLOAT as
     * Double, BYTES as byte[], DECIMAL as BigDecimal, NULL as null. Temporal and string values come
     * back in their encoded form; callers that know the column type convert.
     */
    public static Object decodeDatum(ByteReader r) {
        byte flag = r.peek();
        return switch (flag) {
            case NULL_FLAG -> {
                r.get();
                yield null;
            }
            case INT_FLAG -> decodeInt(r);
            case UINT_FLAG -> new BigInteger(Long.toUnsignedString(decodeUint(r)));
            case FLOAT_FLAG -> decodeDouble(r);
            case BYTES_FLAG -> decodeBytes(r);
            case DECIMAL_FLAG -> decodeDecimal(r);
            default -> throw new IllegalArgumentException("unknown datum flag " + flag);
        };
    }

    private static void expect(ByteReader r, byte flag) {
        byte f = r.get();
        if (f != flag) {
            throw new IllegalArgumentException("expected flag " + flag + " but found " + f);
        }
    }
}
