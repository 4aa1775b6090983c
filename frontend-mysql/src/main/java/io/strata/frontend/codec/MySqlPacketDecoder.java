package io.strata.frontend.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits the inbound byte stream into {@link MySqlFrame}s: each wire packet is a 3-byte
 * little-endian payload length, a sequence id, and the payload. A payload of exactly 0xFFFFFF
 * bytes means "continued in the next packet"; the decoder joins such runs into one frame
 * (without copying) ending at the first shorter packet.
 *
 * <p>The size limit is checked on each header, before the payload is awaited or joined: a
 * logical packet whose length exceeds max_allowed_packet yields {@link PacketTooLarge} and the
 * decoder discards everything after it, so a hostile length never makes the server buffer it.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_packets.html">MySQL Packets</a>
 */
public final class MySqlPacketDecoder extends ByteToMessageDecoder {
    private static final int HEADER_LENGTH = 4;

    /** Written by the connection's worker after each command, read by the event loop. */
    private volatile long maxAllowedPacket;
    private CompositeByteBuf pending;
    private long pendingLength;
    private boolean discarding;

    public MySqlPacketDecoder(long maxAllowedPacket) {
        this.maxAllowedPacket = maxAllowedPacket;
    }

    public void setMaxAllowedPacket(long maxAllowedPacket) {
        this.maxAllowedPacket = maxAllowedPacket;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < HEADER_LENGTH) {
            return;
        }
        int start = in.readerIndex();
        int length = in.getUnsignedMediumLE(start);
        int sequenceId = in.getUnsignedByte(start + 3);
        if (pendingLength + length > maxAllowedPacket) {
            discarding = true;
            releasePending();
            in.skipBytes(in.readableBytes());
            out.add(new PacketTooLarge(sequenceId, pendingLength + length));
            return;
        }
        if (in.readableBytes() < HEADER_LENGTH + length) {
            return;
        }
        in.skipBytes(HEADER_LENGTH);
        ByteBuf body = in.readRetainedSlice(length);
        if (length == MySqlPacketEncoder.MAX_PAYLOAD_LENGTH) {
            if (pending == null) {
                pending = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
            }
            pending.addComponent(true, body);
            pendingLength += length;
            return;
        }
        ByteBuf payload = body;
        if (pending != null) {
            pending.addComponent(true, body);
            payload = pending;
            pending = null;
            pendingLength = 0;
        }
        out.add(new MySqlFrame(sequenceId, payload));
    }

    /**
     * Takes the bytes received but not yet decoded, for a protocol switch (TLS after an
     * SSLRequest): they belong to the next layer, not to MySQL framing.
     */
    public ByteBuf drainBuffered() {
        ByteBuf buffered = internalBuffer();
        return buffered.readRetainedSlice(buffered.readableBytes());
    }

    private void releasePending() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        pendingLength = 0;
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releasePending();
    }
}
