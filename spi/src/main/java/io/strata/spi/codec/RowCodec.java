package io.strata.spi.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Row values keyed by column id, not position, so a row written under an older schema decodes
 * under a newer one: a column added later is simply absent (the reader applies its default), a
 * dropped column's value is skipped. Learners decode the same bytes.
 *
 * <pre>
 *   version:u8 = 1, count:uvarint, then count times: columnId:uvarint, tag:u8, payload
 * </pre>
 * Payloads by tag: NULL none; INT zigzag varint; UINT uvarint (a BigInteger, BIGINT UNSIGNED; read
 * back as a Long when it is below 2^63); DOUBLE 8 bytes; DECIMAL scale
 * varint + unscaled length uvarint + two's-complement bytes; STRING and BYTES length uvarint +
 * bytes; DATE zigzag epoch day; DATETIME zigzag micros; TIME zigzag signed micros (read back as a
 * Duration; a LocalTime is written as its micros of the day).
 */
public final class RowCodec {
    /** Placed in the output for a requested column the row does not carry. */
    public static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "ABSENT";
        }
    };

    private static final byte VERSION = 1;
    private static final byte T_NULL = 0;
    private static final byte T_INT = 1;
    private static final byte T_UINT = 2;
    private static final byte T_DOUBLE = 3;
    private static final byte T_DECIMAL = 4;
    private static final byte T_STRING = 5;
    private static final byte T_BYTES = 6;
    private static final byte T_DATE = 7;
    private static final byte T_DATETIME = 8;
    private static final byte T_TIME = 9;

    private RowCodec() {
    }

    /** Encodes {@code values[i]} under {@code columnIds[i]}; value types as in {@link MemComparable#encodeDatum}. */
    public static byte[] encode(int[] columnIds, Object[] values) {
        if (columnIds.length != values.length) {
            throw new IllegalArgumentException("ids and values differ in length");
        }
        ByteWriter w = new ByteWriter(16 + values.length * 9);
        w.put(VERSION).putUVarint(values.length);
        for (int i = 0; i < values.length; i++) {
            w.putUVarint(columnIds[i]);
            writeValue(w, values[i]);
        }
        return w.toByteArray();
    }

    private static void writeValue(ByteWriter w, Object v) {
        if (v == null) {
            w.put(T_NULL);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            w.put(T_INT).putVarint(((Number) v).longValue());
        } else if (v instanceof BigInteger bi) {
            if (bi.signum() < 0 || bi.bitLength() > 64) {
                throw new IllegalArgumentException("not a BIGINT UNSIGNED value: " + bi);
            }
            w.put(T_UINT).putUVarint(bi.longValue());
        } else if (v instanceof Double || v instanceof Float) {
            w.put(T_DOUBLE).putLongBE(Double.doubleToRawLongBits(((Number) v).doubleValue()));
        } else if (v instanceof BigDecimal d) {
            byte[] unscaled = d.unscaledValue().toByteArray();
            w.put(T_DECIMAL).putVarint(d.scale()).putUVarint(unscaled.length).put(unscaled);
        } else if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            w.put(T_STRING).putUVarint(b.length).put(b);
        } else if (v instanceof byte[] b) {
            w.put(T_BYTES).putUVarint(b.length).put(b);
        } else if (v instanceof Boolean b) {
            w.put(T_INT).putVarint(b ? 1 : 0);
        } else if (v instanceof LocalDate d) {
            w.put(T_DATE).putVarint(d.toEpochDay());
        } else if (v instanceof LocalDateTime dt) {
            w.put(T_DATETIME).putVarint(MemComparable.datetimeToMicros(dt));
        } else if (v instanceof Duration d) {
            w.put(T_TIME).putVarint(MemComparable.timeToMicros(d));
        } else if (v instanceof LocalTime t) {
            w.put(T_TIME).putVarint(t.toNanoOfDay() / 1000);
        } else {
            throw new IllegalArgumentException("cannot encode " + v.getClass().getName());
        }
    }

    /**
     * Decodes the requested columns: {@code out[i]} receives the value of {@code columnIds[i]},
     * or {@link #ABSENT} when the row does not carry that column.
     */
    public static void decode(byte[] row, int[] columnIds, Object[] out) {
        java.util.Arrays.fill(out, 0, columnIds.length, ABSENT);
        ByteReader r = new ByteReader(row);
        byte version = r.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown row version " + version);
        }
        long count = r.getUVarint();
        int found = 0;
        for (long c = 0; c < count && found < columnIds.length; c++) {
            int id = (int) r.getUVarint();
            int slot = indexOf(columnIds, id);
            if (slot < 0) {
                skipValue(r);
            } else {
                out[slot] = readValue(r);
                found++;
            }
        }
    }

    /** Receives the encoded bytes {@code row[from, to)} of one non-null value of column {@code columnId}. */
    @FunctionalInterface
    public interface ValueVisitor {
        void value(int columnId, byte[] row, int from, int to);
    }

    /**
     * Hands {@code visitor} the encoding (tag and payload) of each non-null value the row carries,
     * without decoding it: equal values of one column have equal bytes, which is all a distinct
     * count needs (ANALYZE TABLE hashes them).
     */
    public static void forEachValue(byte[] row, ValueVisitor visitor) {
        ByteReader r = new ByteReader(row);
        byte version = r.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown row version " + version);
        }
        long count = r.getUVarint();
        for (long c = 0; c < count; c++) {
            int id = (int) r.getUVarint();
            int from = r.position();
            if (r.peek() == T_NULL) {
                r.get();
                continue;
            }
            skipValue(r);
            visitor.value(id, row, from, r.position());
        }
    }

    private static int indexOf(int[] ids, int id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

    private static Object readValue(ByteReader r) {
        byte tag = r.get();
        return switch (tag) {
            case T_NULL -> null;
            case T_INT -> r.getVarint();
            case T_UINT -> {
                // BIGINT UNSIGNED as the engine holds it: Long up to 2^63-1, BigInteger above
                long bits = r.getUVarint();
                yield bits >= 0 ? (Object) bits : new BigInteger(Long.toUnsignedString(bits));
            }
            case T_DOUBLE -> Double.longBitsToDouble(r.getLongBE());
            case T_DECIMAL -> {
                int scale = (int) r.getVarint();
                int n = (int) r.getUVarint();
                yield new BigDecimal(new BigInteger(r.getBytes(n)), scale);
            }
            case T_STRING -> {
                int n = (int) r.getUVarint();
                String s = new String(r.array(), r.position(), n, StandardCharsets.UTF_8);
                r.skip(n);
                yield s;
            }
            case T_BYTES -> r.getBytes((int) r.getUVarint());
            case T_DATE -> LocalDate.ofEpochDay(r.getVarint());
            case T_DATETIME -> MemComparable.microsToDatetime(r.getVarint());
            case T_TIME -> MemComparable.microsToTime(r.getVarint());
            default -> throw new IllegalArgumentException("unknown value tag " + tag);
        };
    }

    private static void skipValue(ByteReader r) {
        byte tag = r.get();
        switch (tag) {
            case T_NULL -> {
            }
            case T_INT, T_UINT, T_DATE, T_DATETIME, T_TIME -> r.getUVarint();
            case T_DOUBLE -> r.skip(8);
            case T_DECIMAL -> {
                r.getVarint();
                r.skip((int) r.getUVarint());
            }
            case T_STRING, T_BYTES -> r.skip((int) r.getUVarint());
            default -> throw new IllegalArgumentException("unknown value tag " + tag);
        }
    }
}
