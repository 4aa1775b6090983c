package io.strata.frontend.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.strata.frontend.codec.MySqlFrame;
import io.strata.frontend.packet.MySqlPacket;
import io.strata.frontend.packet.MySqlPayload;

import static java.util.Objects.requireNonNull;

/**
 * Serializes response packets on the connection's worker thread and numbers them: a response
 * continues the sequence of the request it answers, and a packet split on the wire takes one id
 * per wire packet. Writes are not flushed one by one; when the channel stops being writable the
 * writer flushes and waits (back-pressure), and callers flush at the end of a response.
 *
 * <p>Used by one thread at a time (the connection's serial executor).
 */
public final class PacketWriter {
    private final Channel channel;
    private final WritabilityGate gate;
    private int nextSequenceId;

    public PacketWriter(Channel channel, WritabilityGate gate) {
        this.channel = requireNonNull(channel, "channel is null");
        this.gate = requireNonNull(gate, "gate is null");
    }

    /** The next packet answers a request that had sequence id {@code requestSequenceId}. */
    public void answer(int requestSequenceId) {
        nextSequenceId = (requestSequenceId + 1) & 0xff;
    }

    /** The next packet opens an exchange (the greeting). */
    public void reset() {
        nextSequenceId = 0;
    }

    public void write(MySqlPacket packet) {
        if (!channel.isActive()) {
            throw new ConnectionClosedException();
        }
        ByteBuf buf = channel.alloc().buffer();
        try {
            packet.write(new MySqlPayload(buf));
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
        int sequenceId = nextSequenceId;
        nextSequenceId = (nextSequenceId + MySqlFrame.wirePackets(buf.readableBytes())) & 0xff;
        channel.write(new MySqlFrame(sequenceId, buf), channel.voidPromise());
        if (!channel.isWritable()) {
            channel.flush();
            if (!gate.awaitWritable()) {
                throw new ConnectionClosedException();
            }
        }
    }

    public void flush() {
        channel.flush();
    }

    public void writeAndFlush(MySqlPacket packet) {
        write(packet);
        flush();
    }

    /** Writes a last packet, then closes the connection once it is on the wire. */
    public void writeAndClose(MySqlPacket packet) {
        if (!channel.isActive()) {
            return;
        }
        ByteBuf buf = channel.alloc().buffer();
        try {
            packet.write(new MySqlPayload(buf));
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
        channel.writeAndFlush(new MySqlFrame(nextSequenceId, buf)).addListener(ChannelFutureListener.CLOSE);
    }
}
