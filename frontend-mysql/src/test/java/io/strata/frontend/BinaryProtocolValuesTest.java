package io.strata.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.strata.frontend.packet.BinaryProtocolValues;
import io.strata.frontend.packet.MySqlPayload;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.MysqlType;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Binary-protocol values at the edges of MySQL's ranges: BIGINT UNSIGNED and TIME beyond a day. */
class BinaryProtocolValuesTest {
    private static byte[] written(MysqlType type, Object value) {
        ByteBuf buf = Unpooled.buffer();
        try {
            BinaryProtocolValues.write(new MySqlPayload(buf), ColumnMeta.expression("c", type, 20, 6, 0, ColumnMeta.CHARSET_BINARY), value);
            byte[] out = new byte[buf.readableBytes()];
            buf.readBytes(out);
            return out;
        } finally {
            buf.release();
        }
    }

    private static Object read(byte[] bytes, MysqlType type, boolean unsigned) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            return BinaryProtocolValues.read(new MySqlPayload(buf), type, unsigned);
        } finally {
            buf.release();
        }
    }

    @Test
    void unsignedBigintTravelsAsItsEightBytes() {
        BigInteger max = new BigInteger("18446744073709551615");
        byte[] bytes = written(MysqlType.LONGLONG, max);
        assertArrayEquals(new byte[]{-1, -1, -1, -1, -1, -1, -1, -1}, bytes);
        assertEquals(max, read(bytes, MysqlType.LONGLONG, true));
        assertEquals(-1L, read(bytes, MysqlType.LONGLONG, false));
        assertEquals(42L, read(written(MysqlType.LONGLONG, 42L), MysqlType.LONGLONG, true));
    }

    @Test
    void timeCarriesSignAndDays() {
        Duration min = Duration.ofHours(838).plusMinutes(59).plusSeconds(59).negated();
        byte[] bytes = written(MysqlType.TIME, min);
        // length 8, negative, 34 days, 22:59:59
        assertArrayEquals(new byte[]{8, 1, 34, 0, 0, 0, 22, 59, 59}, bytes);
        assertEquals(min, read(bytes, MysqlType.TIME, false));
        Duration fraction = Duration.ofHours(26).plusNanos(500_000);
        byte[] withMicros = written(MysqlType.TIME, fraction);
        assertEquals(13, withMicros.length);
        assertEquals(fraction, read(withMicros, MysqlType.TIME, false));
        assertEquals(Duration.ZERO, read(written(MysqlType.TIME, Duration.ZERO), MysqlType.TIME, false));
    }
}
