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
 */
@ChannelHandler.Sharable
public final class MySqlPacketEncoder extends MessageToMessageEncoder<MySqlFrame> {
    /** The largest payload one wire packet carries (2^24 - 1). */
    public static final int MAX_PAYLOAD_LENGTH = 0xffffff;

    @Override
    protected void encode(ChannelHandlerContext ctx, MySqlFrame frame, List<Object> out) {
        ByteBuf payload = frame.content();
        int sequenceId = frame.sequenceId();
        int index = payload.readerIndex();
        int remaining = payload.readableBytes();
        while (true) {
            int chunk = Math.min(remaining, MAX_PAYLOAD_LENGTH);
            ByteBuf header = ctx.alloc().ioBuffer(4);
            header.writeMediumLE(chunk);
            header.writeByte(sequenceId);
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
