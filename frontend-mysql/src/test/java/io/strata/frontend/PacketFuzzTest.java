package io.strata.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.strata.frontend.codec.MySqlFrame;
import io.strata.frontend.codec.MySqlPacketDecoder;
import io.strata.frontend.codec.PacketTooLarge;
import io.strata.frontend.packet.BinaryProtocolValues;
import io.strata.frontend.packet.ComFieldListPacket;
import io.strata.frontend.packet.ComProcessKillPacket;
import io.strata.frontend.packet.ComSetOptionPacket;
import io.strata.frontend.packet.ComStmtClosePacket;
import io.strata.frontend.packet.ComStmtExecutePacket;
import io.strata.frontend.packet.ComStmtSendLongDataPacket;
import io.strata.frontend.packet.HandshakeResponse41Packet;
import io.strata.frontend.packet.MalformedPacketException;
import io.strata.frontend.packet.MySqlPayload;
import io.strata.spi.session.MysqlType;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random bytes into every decoder: each must either decode or throw {@link MalformedPacketException},
 * never another exception (which would surface as an unexpected 1105 or worse).
 */
class PacketFuzzTest {
    private static final int ROUNDS = 3_000;

    private static void fuzz(String name, Consumer<MySqlPayload> decoder) {
        Random random = new Random(name.hashCode());
        for (int i = 0; i < ROUNDS; i++) {
            byte[] bytes = new byte[random.nextInt(80)];
            random.nextBytes(bytes);
            if (bytes.length > 0 && random.nextBoolean()) {
                bytes[0] = (byte) random.nextInt(4); // small lengths and counts get past the first checks
            }
            ByteBuf buf = Unpooled.wrappedBuffer(bytes);
            try {
                decoder.accept(new MySqlPayload(buf));
            } catch (MalformedPacketException expected) {
                // fine
            } catch (RuntimeException e) {
                fail(name + " threw " + e + " on " + java.util.HexFormat.of().formatHex(bytes), e);
            }
        }
    }

    @Test
    void handshakeResponse() {
        fuzz("handshake", HandshakeResponse41Packet::new);
    }

    @Test
    void commandPackets() {
        fuzz("field list", ComFieldListPacket::new);
        fuzz("kill", ComProcessKillPacket::new);
        fuzz("set option", ComSetOptionPacket::new);
        fuzz("close", ComStmtClosePacket::new);
        fuzz("long data", ComStmtSendLongDataPacket::new);
    }

    @Test
    void statementExecute() {
        Random random = new Random(7);
        ComStmtExecutePacket.ParameterType[] previous = {
                new ComStmtExecutePacket.ParameterType(MysqlType.LONGLONG, false),
                new ComStmtExecutePacket.ParameterType(MysqlType.DATETIME, false),
                new ComStmtExecutePacket.ParameterType(MysqlType.VAR_STRING, false)};
        fuzz("execute", payload -> new ComStmtExecutePacket(payload, 1 + random.nextInt(3),
                random.nextBoolean() ? previous : null, null));
    }

    @Test
    void binaryValuesOfEveryType() {
        for (MysqlType type : MysqlType.values()) {
            fuzz("value " + type, payload -> BinaryProtocolValues.read(payload, type, type.ordinal() % 2 == 0));
        }
    }

    @Test
    void framingNeverThrows() {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            EmbeddedChannel channel = new EmbeddedChannel(new MySqlPacketDecoder(1 << 16));
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            channel.writeInbound(Unpooled.wrappedBuffer(bytes));
            Object msg;
            while ((msg = channel.readInbound()) != null) {
                assertTrue(msg instanceof MySqlFrame || msg instanceof PacketTooLarge, msg.getClass().getName());
                if (msg instanceof MySqlFrame frame) {
                    frame.release();
                }
            }
            channel.finishAndReleaseAll();
        }
    }
}
