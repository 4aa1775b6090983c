package io.strata.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.strata.frontend.codec.MySqlFrame;
import io.strata.frontend.codec.MySqlPacketDecoder;
import io.strata.frontend.codec.MySqlPacketEncoder;
import io.strata.frontend.packet.MySqlPayload;
import io.strata.frontend.packet.TextResultRowPacket;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.MysqlType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The MySQL protocol path of frontend-mysql without sockets: writing a text result row into a
 * payload, framing it with {@link MySqlPacketEncoder}, and splitting a stream of 100 framed
 * COM_QUERY packets back into frames with {@link MySqlPacketDecoder}, each through a Netty
 * {@link EmbeddedChannel} as the pipeline would run them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED"})
@State(Scope.Thread)
public class BenchmarkPacketCodec {
    private static final int PACKETS = 100;

    private List<ColumnMeta> columns;
    private Object[] row;
    private EmbeddedChannel encoder;
    private EmbeddedChannel decoder;
    private ByteBuf wireStream;

    @Setup
    public void setup() {
        columns = List.of(
                ColumnMeta.expression("id", MysqlType.LONGLONG, 20, 0, ColumnMeta.NOT_NULL_FLAG, ColumnMeta.CHARSET_BINARY),
                ColumnMeta.expression("k", MysqlType.LONG, 11, 0, 0, ColumnMeta.CHARSET_BINARY),
                ColumnMeta.expression("c", MysqlType.STRING, 480, 0x1f, 0, ColumnMeta.CHARSET_UTF8MB4),
                ColumnMeta.expression("price", MysqlType.NEWDECIMAL, 17, 2, 0, ColumnMeta.CHARSET_BINARY));
        row = new Object[] {123_456L, 499_871L, "68487932199-96439406143-93774651418-41631865787-96406072701-20604855487",
                new BigDecimal("21168.23")};
        encoder = new EmbeddedChannel(new MySqlPacketEncoder());
        decoder = new EmbeddedChannel(new MySqlPacketDecoder(64L << 20));
        byte[] query = "SELECT c FROM sbtest1 WHERE id=4711".getBytes(StandardCharsets.UTF_8);
        wireStream = Unpooled.buffer();
        for (int i = 0; i < PACKETS; i++) {
            wireStream.writeMediumLE(query.length + 1);
            wireStream.writeByte(0);
            wireStream.writeByte(0x03); // COM_QUERY
            wireStream.writeBytes(query);
        }
    }

    @TearDown
    public void tearDown() {
        encoder.finishAndReleaseAll();
        decoder.finishAndReleaseAll();
        wireStream.release();
    }

    @Benchmark
    public int encodeTextRow() {
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(256);
        new TextResultRowPacket(columns, row).write(new MySqlPayload(buf));
        encoder.writeOutbound(new MySqlFrame(1, buf));
        int bytes = 0;
        ByteBuf out;
        while ((out = encoder.readOutbound()) != null) {
            bytes += out.readableBytes();
            out.release();
        }
        return bytes;
    }

    @Benchmark
    public int decode100Packets() {
        decoder.writeInbound(wireStream.retainedDuplicate());
        int frames = 0;
        Object f;
        while ((f = decoder.readInbound()) != null) {
            frames++;
            if (f instanceof MySqlFrame frame) {
                frame.release();
            }
        }
        return frames;
    }
}
