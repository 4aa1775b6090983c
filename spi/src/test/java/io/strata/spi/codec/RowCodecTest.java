package io.strata.spi.codec;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RowCodecTest {
    private static final int[] IDS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 300};
    private static final Object[] VALUES = {null, -123456789012L, new BigInteger("18446744073709551615"), 2.718281828,
            new BigDecimal("-12345.678900"), "héllo, 世界", new byte[]{0, 1, (byte) 0xFF}, LocalDate.of(2026, 11, 25),
            LocalDateTime.of(2001, 2, 3, 4, 5, 6, 7_000), Duration.ofHours(-838).minusMinutes(59).minusSeconds(59).plusNanos(1000), 0L, ""};

    @Test
    void roundTripsEveryType() {
        byte[] row = RowCodec.encode(IDS, VALUES);
        Object[] out = new Object[IDS.length];
        RowCodec.decode(row, IDS, out);
        for (int i = 0; i < IDS.length; i++) {
            if (VALUES[i] instanceof byte[] b) {
                assertArrayEquals(b, (byte[]) out[i]);
            } else {
                assertEquals(VALUES[i], out[i], "column " + IDS[i]);
            }
        }
    }

    @Test
    void visitsTheEncodingOfEachNonNullValue() {
        byte[] row = RowCodec.encode(IDS, VALUES);
        java.util.List<Integer> visited = new java.util.ArrayList<>();
        RowCodec.forEachValue(row, (id, bytes, from, to) -> {
            visited.add(id);
            byte[] again = RowCodec.encode(new int[]{id}, new Object[]{VALUES[id == 300 ? 11 : id - 1]});
            // a one-value row is version, count and id (one byte each here) before the value's bytes
            int start = id == 300 ? 4 : 3;
            assertArrayEquals(java.util.Arrays.copyOfRange(again, start, again.length),
                    java.util.Arrays.copyOfRange(bytes, from, to), "column " + id);
        });
        assertEquals(java.util.List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 300), visited, "the null of column 1 is skipped");
    }

    @Test
    void timeOfDayIsWrittenAsItsMicrosAndReadAsADuration() {
        byte[] row = RowCodec.encode(new int[]{1}, new Object[]{LocalTime.of(10, 11, 12, 654_321_000)});
        Object[] out = new Object[1];
        RowCodec.decode(row, new int[]{1}, out);
        assertEquals(Duration.ofHours(10).plusMinutes(11).plusSeconds(12).plusNanos(654_321_000), out[0]);
    }

    @Test
    void unsignedValuesReadBackInTheEngineForm() {
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        byte[] row = RowCodec.encode(new int[]{1, 2, 3}, new Object[]{max, BigInteger.valueOf(42), BigInteger.ONE.shiftLeft(63)});
        Object[] out = new Object[3];
        RowCodec.decode(row, new int[]{1, 2, 3}, out);
        assertEquals(max, out[0]);
        assertEquals(42L, out[1]);
        assertEquals(BigInteger.ONE.shiftLeft(63), out[2]);
        assertThrows(IllegalArgumentException.class, () -> RowCodec.encode(new int[]{1}, new Object[]{BigInteger.valueOf(-1)}));
    }

    @Test
    void absentColumnsAreMarkedAndUnrequestedOnesSkipped() {
        byte[] row = RowCodec.encode(IDS, VALUES);
        int[] wanted = {300, 99, 6, 1, 4};
        Object[] out = new Object[wanted.length];
        RowCodec.decode(row, wanted, out);
        assertEquals("", out[0]);
        assertSame(RowCodec.ABSENT, out[1], "a column added after the row was written");
        assertEquals("héllo, 世界", out[2]);
        assertNull(out[3], "a stored NULL is not ABSENT");
        assertEquals(2.718281828, out[4]);
    }

    @Test
    void skipsEveryTypeWhenDecodingOneColumn() {
        byte[] row = RowCodec.encode(IDS, VALUES);
        for (int i = 0; i < IDS.length; i++) {
            Object[] out = new Object[1];
            RowCodec.decode(row, new int[]{IDS[i]}, out);
            if (VALUES[i] instanceof byte[] b) {
                assertArrayEquals(b, (byte[]) out[0]);
            } else {
                assertEquals(VALUES[i], out[0]);
            }
        }
    }

    @Test
    void randomRowsRoundTrip() {
        Random rnd = new Random(5);
        for (int n = 0; n < 200; n++) {
            int cols = rnd.nextInt(20);
            int[] ids = new int[cols];
            Object[] vals = new Object[cols];
            for (int i = 0; i < cols; i++) {
                ids[i] = i * 3 + rnd.nextInt(3);
                vals[i] = switch (rnd.nextInt(5)) {
                    case 0 -> null;
                    case 1 -> rnd.nextLong();
                    case 2 -> rnd.nextDouble();
                    case 3 -> new BigDecimal(new BigInteger(70, rnd), rnd.nextInt(20) - 5);
                    default -> Long.toString(rnd.nextLong(), 36);
                };
            }
            Object[] out = new Object[cols];
            RowCodec.decode(RowCodec.encode(ids, vals), ids, out);
            assertArrayEquals(vals, out);
        }
    }

    @Test
    void rejectsMismatchedInputAndUnknownVersion() {
        assertThrows(IllegalArgumentException.class, () -> RowCodec.encode(new int[]{1}, new Object[0]));
        byte[] row = RowCodec.encode(new int[]{1}, new Object[]{1L});
        row[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> RowCodec.decode(row, new int[]{1}, new Object[1]));
    }
}
