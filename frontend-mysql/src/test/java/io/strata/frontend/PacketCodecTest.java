package io.strata.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.strata.frontend.codec.MySqlFrame;
import io.strata.frontend.codec.MySqlPacketDecoder;
import io.strata.frontend.codec.MySqlPacketEncoder;
import io.strata.frontend.codec.PacketTooLarge;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Framing on real Netty buffers: headers, partial reads, the 16 MiB split, max_allowed_packet. */
class PacketCodecTest {
    private static final int MAX = 0xffffff;

    private static ByteBuf wire(int length, int sequenceId, byte fill) {
        ByteBuf buf = Unpooled.buffer(4 + length);
        buf.writeMediumLE(length).writeByte(sequenceId);
        for (int i = 0; i < length; i++) {
            buf.writeByte(fill);
        }
        return buf;
    }

    @Test
    void decodesPacketsArrivingInPieces() {
        EmbeddedChannel channel = new EmbeddedChannel(new MySqlPacketDecoder(1 << 20));
        // A COM_QUERY "SELECT 1" captured from a client: 09 00 00 00 03 'SELECT 1'.
        byte[] captured = {0x09, 0x00, 0x00, 0x00, 0x03, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1'};
        channel.writeInbound(Unpooled.wrappedBuffer(captured, 0, 2));
        assertNull(channel.readInbound());
        channel.writeInbound(Unpooled.wrappedBuffer(captured, 2, 5));
        assertNull(channel.readInbound());
        channel.writeInbound(Unpooled.wrappedBuffer(captured, 7, captured.length - 7));
        MySqlFrame frame = channel.readInbound();
        assertEquals(0, frame.sequenceId());
        assertEquals(9, frame.content().readableBytes());
        assertEquals(0x03, frame.content().getByte(0));
        frame.release();
        assertFalse(channel.finish());
    }

    @Test
    void twoPacketsInOneRead() {
        EmbeddedChannel channel = new EmbeddedChannel(new MySqlPacketDecoder(1 << 20));
        ByteBuf both = Unpooled.buffer();
        both.writeBytes(wire(1, 0, (byte) 0x0e));
        both.writeBytes(wire(0, 3, (byte) 0));
        channel.writeInbound(both);
        MySqlFrame first = channel.readInbound();
        MySqlFrame second = channel.readInbound();
        assertEquals(1, first.content().readableBytes());
        assertEquals(0, second.content().readableBytes());
        assertEquals(3, second.sequenceId());
        first.release();
        second.release();
        channel.finish();
    }

    @Test
    void joinsSplitPayloads() {
        EmbeddedChannel channel = new EmbeddedChannel(new MySqlPacketDecoder(64L << 20));
        channel.writeInbound(wire(MAX, 0, (byte) 'a'));
        assertNull(channel.readInbound());
        channel.writeInbound(wire(MAX, 1, (byte) 'b'));
        assertNull(channel.readInbound());
        channel.writeInbound(wire(10, 2, (byte) 'c'));
        MySqlFrame frame = channel.readInbound();
        assertEquals(2 * MAX + 10, frame.content().readableBytes());
        assertEquals(2, frame.sequenceId());
        assertEquals('a', frame.content().getByte(MAX - 1));
        assertEquals('b', frame.content().getByte(MAX));
        assertEquals('c', frame.content().getByte(2 * MAX + 9));
        frame.release();
        channel.finish();
    }

    @Test
    void exactMultipleOfMaxEndsWithEmptyPacket() {
        EmbeddedChannel channel = new EmbeddedChannel(new MySqlPacketDecoder(64L << 20));
        channel.writeInbound(wire(MAX, 5, (byte) 'a'));
        channel.writeInbound(wire(0, 6, (byte) 0));
        MySqlFrame frame = channel.readInbound();
        assertEquals(MAX, frame.content().readableBytes());
        assertEquals(6, frame.sequenceId());
        frame.release();
        channel.finish();
    }

    @Test
    void rejectsOversizedPacketFromTheHeaderAlone() {
        EmbeddedChannel channel = new EmbeddedChannel(new MySqlPacketDecoder(1024));
        ByteBuf header = Unpooled.buffer(4).writeMediumLE(1025).writeByte(7);
        channel.writeInbound(header);
        PacketTooLarge tooLarge = channel.readInbound();
        assertEquals(7, tooLarge.sequenceId());
        assertEquals(1025, tooLarge.announcedLength());
        // Whatever follows is discarded, not buffered.
        channel.writeInbound(wire(10, 8, (byte) 1));
        assertNull(channel.readInbound());
        channel.finish();
    }

    @Test
    void rejectsWhenSplitPayloadGrowsPastLimit() {
        EmbeddedChannel channel = new EmbeddedChannel(new MySqlPacketDecoder(MAX + 100L));
        channel.writeInbound(wire(MAX, 0, (byte) 'a'));
        assertNull(channel.readInbound());
        channel.writeInbound(Unpooled.buffer(4).writeMediumLE(101).writeByte(1));
        assertInstanceOf(PacketTooLarge.class, channel.readInbound());
        channel.finish();
    }

    @Test
    void limitFollowsTheSession() {
        MySqlPacketDecoder decoder = new MySqlPacketDecoder(1024);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        decoder.setMaxAllowedPacket(4096);
        channel.writeInbound(wire(2000, 0, (byte) 1));
        MySqlFrame frame = channel.readInbound();
        assertEquals(2000, frame.content().readableBytes());
        frame.release();
        channel.finish();
    }

    @Test
    void encodesSmallPacket() {
        EmbeddedChannel channel = new EmbeddedChannel(new MySqlPacketEncoder());
        channel.writeOutbound(new MySqlFrame(1, Unpooled.wrappedBuffer(new byte[]{0, 0, 0, 2, 0, 0, 0})));
        ByteBuf wire = readAll(channel);
        assertEquals(11, wire.readableBytes());
        assertEquals(7, wire.getUnsignedMediumLE(0));
        assertEquals(1, wire.getUnsignedByte(3));
        wire.release();
        channel.finish();
    }

    @Test
    void splitsLargePayloadWithConsecutiveSequenceIds() {
        EmbeddedChannel channel = new EmbeddedChannel(new MySqlPacketEncoder());
        int length = 2 * MAX + 3;
        ByteBuf payload = Unpooled.buffer(length);
        for (int i = 0; i < length; i++) {
            payload.writeByte(i % 251);
        }
        assertEquals(3, MySqlFrame.wirePackets(length));
        channel.writeOutbound(new MySqlFrame(255, payload));
        ByteBuf wire = readAll(channel);
        assertEquals(length + 12, wire.readableBytes());
        assertEquals(MAX, wire.getUnsignedMediumLE(0));
        assertEquals(255, wire.getUnsignedByte(3));
        assertEquals(MAX, wire.getUnsignedMediumLE(4 + MAX));
        assertEquals(0, wire.getUnsignedByte(4 + MAX + 3));
        assertEquals(3, wire.getUnsignedMediumLE(8 + 2 * MAX));
        assertEquals(1, wire.getUnsignedByte(8 + 2 * MAX + 3));
        assertEquals((length - 1) % 251, wire.getUnsignedByte(wire.readableBytes() - 1));

        // And back through the decoder.
        EmbeddedChannel decode = new EmbeddedChannel(new MySqlPacketDecoder(64L << 20));
        decode.writeInbound(wire);
        MySqlFrame frame = decode.readInbound();
        assertEquals(length, frame.content().readableBytes());
        for (int i = 0; i < length; i += 4099) {
            assertEquals(i % 251, frame.content().getUnsignedByte(i));
        }
        frame.release();
        channel.finish();
        decode.finish();
    }

    @Test
    void warningCountsBeyondTwoBytesAreCapped() {
        ByteBuf buf = Unpooled.buffer();
        try {
            new io.strata.frontend.packet.OkPacket(1, 0, 2, 70_000, "").write(new io.strata.frontend.packet.MySqlPayload(buf));
            assertEquals(0xffff, io.strata.frontend.packet.OkPacket.decode(new io.strata.frontend.packet.MySqlPayload(buf)).warnings());
        } finally {
            buf.release();
        }
    }

    @Test
    void exactMaxPayloadIsFollowedByEmptyPacket() {
        EmbeddedChannel channel = new EmbeddedChannel(new MySqlPacketEncoder());
        channel.writeOutbound(new MySqlFrame(3, Unpooled.buffer(MAX).writerIndex(MAX)));
        assertEquals(2, MySqlFrame.wirePackets(MAX));
        ByteBuf wire = readAll(channel);
        assertEquals(MAX + 8, wire.readableBytes());
        assertEquals(0, wire.getUnsignedMediumLE(4 + MAX));
        assertEquals(4, wire.getUnsignedByte(4 + MAX + 3));
        wire.release();
        channel.finish();
    }

    private static ByteBuf readAll(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        ByteBuf part;
        while ((part = channel.readOutbound()) != null) {
            all.writeBytes(part);
            part.release();
        }
        return all;
    }
}
