package io.strata.frontend.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/**
 * Writes {@link MySqlFrame}s as wire packets: a payload longer than 0xFFFFFF - 1 bytes goes out
 * as a run of 0xFFFFFF-byte packets with consecutive sequence ids, ended by a shorter (possibly
 * empty) packet. Headers are separate small buffers; payload bytes are not copied.
 * Plain {@link ByteBuf}s pass through untouched: they are runs of packets already framed with
 * {@link #writeHeader}.
 */
@ChannelHandler.Sharable
public final class MySqlPacketEncoder extends MessageToMessageEncoder<MySqlFrame> {
    /** The largest payload one wire packet carries (2^24 - 1). */
    public static final int MAX_PAYLOAD_LENGTH = 0xffffff;
    public static final int HEADER_LENGTH = 4;

    /**
     * Writes a wire-packet header at {@code index} (which must have room for it): the payload
     * length (below {@link #MAX_PAYLOAD_LENGTH} unless it is a chunk of a split payload) and the
     * sequence id. Shared with {@code PacketWriter}, which frames runs of small packets directly
     * into one buffer.
     */
    public static void writeHeader(ByteBuf buf, int index, int payloadLength, int sequenceId) {
        buf.setMediumLE(index, payloadLength);
        buf.setByte(index + 3, sequenceId);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MySqlFrame frame, List<Object> out) {
        ByteBuf payload = frame.content();
        int sequenceId = frame.sequenceId();
        int index = payload.readerIndex();
        int remaining = payload.readableBytes();
        while (true) {
            int chunk = Math.min(remaining, MAX_PAYLOAD_LENGTH);
            ByteBuf header = ctx.alloc().ioBuffer(HEADER_LENGTH);
            writeHeader(header, header.writerIndex(), chunk, sequenceId);
            header.writerIndex(HEADER_LENGTH);
            out.add(header);
            if (chunk > 0) {
                out.add(payload.retainedSlice(index, chunk));
            }
            index += chunk;
            remaining -= chunk;
            sequenceId = (sequenceId + 1) & 0xff;
            if (chunk < MAX_PAYLOAD_LENGTH) {
                break;
            }
        }
    }
}
