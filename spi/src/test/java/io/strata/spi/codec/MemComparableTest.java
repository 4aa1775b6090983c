package io.strata.spi.codec;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemComparableTest {
    private final Random rnd = new Random(20261125);

    private static <T> byte[] enc(BiConsumer<ByteWriter, T> encoder, T v) {
        ByteWriter w = new ByteWriter();
        encoder.accept(w, v);
        return w.toByteArray();
    }

    /** For every pair: sign(compare(encodings)) == sign(compare(values)). */
    private static <T> void assertOrderPreserved(List<T> values, BiConsumer<ByteWriter, T> encoder, Comparator<T> order) {
        List<byte[]> encoded = new ArrayList<>();
        for (T v : values) {
            encoded.add(enc(encoder, v));
        }
        for (int i = 0; i < values.size(); i++) {
            for (int j = 0; j < values.size(); j++) {
                int expected = Integer.signum(order.compare(values.get(i), values.get(j)));
                int actual = Integer.signum(Arrays.compareUnsigned(encoded.get(i), encoded.get(j)));
                if (expected != actual) {
                    throw new AssertionError("order of " + values.get(i) + " vs " + values.get(j) + ": values " + expected + ", encodings " + actual);
                }
            }
        }
    }

    @Test
    void intOrderAndRoundTrip() {
        List<Long> values = new ArrayList<>(List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L, Long.MAX_VALUE - 1, Long.MAX_VALUE));
        for (int i = 0; i < 300; i++) {
            values.add(rnd.nextBoolean() ? rnd.nextLong() : (long) rnd.nextInt(2000) - 1000);
        }
        assertOrderPreserved(values, MemComparable::encodeInt, Long::compare);
        for (long v : values) {
            assertEquals(v, MemComparable.decodeInt(new ByteReader(enc(MemComparable::encodeInt, v))));
        }
    }

    @Test
    void timeValuesOrderAcrossZeroAndPastADay() {
        List<Object> values = List.of(Duration.ofHours(-838), Duration.ofSeconds(-1, 999_999_000), Duration.ZERO,
                Duration.ofNanos(1000), Duration.ofHours(23).plusMinutes(59), Duration.ofHours(24), Duration.ofHours(838));
        assertOrderPreserved(values, MemComparable::encodeDatum, Comparator.comparing(o -> (Duration) o));
        for (Object v : values) {
            Duration d = (Duration) v;
            assertEquals(d, MemComparable.microsToTime(MemComparable.timeToMicros(d)));
        }
    }

    @Test
    void unsignedBigintOrderAcrossTwoToThe63() {
        // the engine holds BIGINT UNSIGNED as Long up to 2^63-1 and BigInteger above
        BigInteger two63 = BigInteger.ONE.shiftLeft(63);
        List<Object> values = List.of(0L, 1L, Long.MAX_VALUE - 1, Long.MAX_VALUE, two63, two63.add(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
        Comparator<Object> numeric = Comparator.comparing(o -> o instanceof BigInteger b ? b : BigInteger.valueOf((Long) o));
        assertOrderPreserved(values, MemComparable::encodeDatum, numeric);
        // one value, one encoding, whichever form it comes in
        assertArrayEquals(enc(MemComparable::encodeDatum, (Object) 7L), enc(MemComparable::encodeDatum, (Object) BigInteger.valueOf(7)));
        assertThrows(IllegalArgumentException.class, () -> enc(MemComparable::encodeDatum, (Object) BigInteger.ONE.shiftLeft(64)));
        assertThrows(IllegalArgumentException.class, () -> enc(MemComparable::encodeDatum, (Object) BigInteger.valueOf(-1)));
    }

    @Test
    void uintOrderAndRoundTrip() {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE));
        for (int i = 0; i < 200; i++) {
            values.add(rnd.nextLong());
        }
        assertOrderPreserved(values, MemComparable::encodeUint, Long::compareUnsigned);
        for (long v : values) {
            assertEquals(v, MemComparable.decodeUint(new ByteReader(enc(MemComparable::encodeUint, v))));
        }
    }

    @Test
    void doubleOrderAndRoundTrip() {
        List<Double> values = new ArrayList<>(List.of(Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1.5, -Double.MIN_VALUE,
                -0.0, 0.0, Double.MIN_VALUE, 1e-300, 1.0, 2.5, Double.MAX_VALUE, Double.POSITIVE_INFINITY));
        for (int i = 0; i < 300; i++) {
            double d = switch (rnd.nextInt(3)) {
                case 0 -> rnd.nextGaussian() * 1000;
                case 1 -> Double.longBitsToDouble(rnd.nextLong());
                default -> rnd.nextInt(10) - 5;
            };
            if (!Double.isNaN(d)) {
                values.add(d);
            }
        }
        // SQL order: -0.0 equals 0.0
        assertOrderPreserved(values, MemComparable::encodeDouble, (a, b) -> a < b ? -1 : a > b ? 1 : 0);
        for (double v : values) {
            double back = MemComparable.decodeDouble(new ByteReader(enc(MemComparable::encodeDouble, v)));
            assertEquals(v == 0.0 ? 0.0 : v, back);
        }
    }

    @Test
    void bytesOrderAndRoundTripAcrossGroupBoundaries() {
        List<byte[]> values = new ArrayList<>();
        values.add(new byte[0]);
        for (int len = 0; len <= 25; len++) {
            byte[] zeros = new byte[len];
            values.add(zeros);
            byte[] ff = new byte[len];
            Arrays.fill(ff, (byte) 0xFF);
            values.add(ff);
        }
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[rnd.nextInt(20)];
            for (int j = 0; j < b.length; j++) {
                b[j] = (byte) (rnd.nextBoolean() ? rnd.nextInt(3) : rnd.nextInt(256)); // many shared prefixes
            }
            values.add(b);
        }
        assertOrderPreserved(values, MemComparable::encodeBytes, Arrays::compareUnsigned);
        for (byte[] v : values) {
            assertArrayEquals(v, MemComparable.decodeBytes(new ByteReader(enc(MemComparable::encodeBytes, v))));
        }
    }

    @Test
    void stringOrderIsUtf8ByteOrder() {
        List<String> values = new ArrayList<>(List.of("", "a", "a\0", "ab", "abcdefgh", "abcdefghi", "b", "é", "中文", "\uD83D\uDE00", "Z"));
        int[] alphabet = "ab\0zé中\uD83D\uDE00".codePoints().toArray();
        for (int i = 0; i < 200; i++) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(12);
            for (int j = 0; j < n; j++) {
                sb.appendCodePoint(alphabet[rnd.nextInt(alphabet.length)]);
            }
            values.add(sb.toString());
        }
        values.removeIf(s -> !s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
        Comparator<String> utf8 = (x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));
        assertOrderPreserved(values, MemComparable::encodeString, utf8);
        for (String s : values) {
            byte[] back = MemComparable.decodeBytes(new ByteReader(enc(MemComparable::encodeString, s)));
            assertEquals(s, new String(back, StandardCharsets.UTF_8));
        }
    }

    @Test
    void decimalOrderAndRoundTrip() {
        List<BigDecimal> values = new ArrayList<>(List.of(BigDecimal.ZERO, new BigDecimal("0.000"), BigDecimal.ONE,
                new BigDecimal("1.00"), new BigDecimal("-1"), new BigDecimal("0.001"), new BigDecimal("-0.001"),
                new BigDecimal("12"), new BigDecimal("120"), new BigDecimal("123"), new BigDecimal("1.2"),
                new BigDecimal("-12"), new BigDecimal("-120"), new BigDecimal("-123"), new BigDecimal("99999999999999999999.9999"),
                new BigDecimal("-99999999999999999999.9999"), new BigDecimal("1E+40"), new BigDecimal("1E-40")));
        for (int i = 0; i < 300; i++) {
            BigInteger unscaled = new BigInteger(rnd.nextInt(80) + 1, rnd);
            if (rnd.nextBoolean()) {
                unscaled = unscaled.negate();
            }
            values.add(new BigDecimal(unscaled, rnd.nextInt(40) - 10));
        }
        assertOrderPreserved(values, MemComparable::encodeDecimal, BigDecimal::compareTo);
        for (BigDecimal d : values) {
            BigDecimal back = MemComparable.decodeDecimal(new ByteReader(enc(MemComparable::encodeDecimal, d)));
            assertEquals(0, d.compareTo(back), d + " came back as " + back);
        }
    }

    @Test
    void nullSortsFirstAndDatumRoundTrips() {
        Object[] values = {null, 42L, -7, (short) 3, (byte) 1, new BigInteger("18446744073709551615"), new BigDecimal("3.14"),
                2.5, 1.5f, "text", new byte[]{1, 2, 3}, true, LocalDate.of(2026, 11, 25),
                LocalDateTime.of(1969, 12, 31, 23, 59, 59, 123_456_000), LocalTime.of(13, 14, 15, 999_000)};
        byte[] nullEnc = enc(MemComparable::encodeDatum, null);
        for (Object v : values) {
            byte[] e = enc(MemComparable::encodeDatum, v);
            if (v != null) {
                assertTrue(Arrays.compareUnsigned(nullEnc, e) < 0, "NULL sorts before " + v);
                assertTrue(Arrays.compareUnsigned(e, new byte[]{MemComparable.MAX_FLAG}) < 0, "MAX_FLAG is above " + v);
            }
            ByteReader r = new ByteReader(e);
            Object back = MemComparable.decodeDatum(r);
            assertFalse(r.hasRemaining());
            if (v == null) {
                assertNull(back);
            } else if (v instanceof Number n && !(v instanceof BigDecimal) && !(v instanceof BigInteger)
                    && !(v instanceof Double) && !(v instanceof Float)) {
                assertEquals(n.longValue(), back);
            } else if (v instanceof BigInteger bi) {
                assertEquals(bi, back);
            } else if (v instanceof Float f) {
                assertEquals(f.doubleValue(), back);
            } else if (v instanceof String s) {
                assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), (byte[]) back);
            } else if (v instanceof byte[] b) {
                assertArrayEquals(b, (byte[]) back);
            } else if (v instanceof Boolean b) {
                assertEquals(b ? 1L : 0L, back);
            } else if (v instanceof LocalDate d) {
                assertEquals(d.toEpochDay(), back);
            } else if (v instanceof LocalDateTime dt) {
                assertEquals(dt, MemComparable.microsToDatetime((Long) back));
            } else if (v instanceof LocalTime t) {
                assertEquals(t.toNanoOfDay() / 1000, back);
            } else {
                assertEquals(v, back);
            }
        }
    }

    @Test
    void datetimeOrderIsPreserved() {
        List<LocalDateTime> values = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            values.add(LocalDateTime.of(1000 + rnd.nextInt(9000), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28),
                    rnd.nextInt(24), rnd.nextInt(60), rnd.nextInt(60), rnd.nextInt(1_000_000) * 1000));
        }
        assertOrderPreserved(values, MemComparable::encodeDatum, LocalDateTime::compareTo);
    }

    @Test
    void compositeKeysOrderByTheirFirstThenSecondColumn() {
        record Pair(long a, String b) {
        }
        List<Pair> values = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            values.add(new Pair(rnd.nextInt(5) - 2, "s" + "x".repeat(rnd.nextInt(10)) + rnd.nextInt(3)));
        }
        Comparator<Pair> order = Comparator.comparingLong(Pair::a).thenComparing(
                (x, y) -> Arrays.compareUnsigned(x.b().getBytes(StandardCharsets.UTF_8), y.b().getBytes(StandardCharsets.UTF_8)));
        assertOrderPreserved(values, (w, p) -> {
            MemComparable.encodeInt(w, p.a());
            MemComparable.encodeString(w, p.b());
        }, order);
    }

    @Test
    void wrongFlagOrTruncationIsRejected() {
        byte[] e = enc(MemComparable::encodeInt, 5L);
        assertThrows(IllegalArgumentException.class, () -> MemComparable.decodeDouble(new ByteReader(e)));
        assertThrows(IllegalArgumentException.class, () -> MemComparable.decodeInt(new ByteReader(e, 0, 5)));
        byte[] s = enc(MemComparable::encodeString, "hello world");
        assertThrows(IllegalArgumentException.class, () -> MemComparable.decodeBytes(new ByteReader(s, 0, s.length - 1)));
    }
}
