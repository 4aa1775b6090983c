package io.strata.frontend.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.strata.frontend.codec.MySqlFrame;
import io.strata.frontend.codec.MySqlPacketEncoder;
import io.strata.frontend.packet.MySqlPacket;
import io.strata.frontend.packet.MySqlPayload;

import static java.util.Objects.requireNonNull;

/**
 * Serializes response packets on the connection's worker thread and numbers them: a response
 * continues the sequence of the request it answers, and a packet split on the wire takes one id
 * per wire packet.
 *
 * <p>Small packets are framed straight into a batch buffer and handed to the channel every
 * {@value #BATCH_BYTES} bytes (and on flush), so a result set of many rows costs a few channel
 * writes rather than one cross-thread task per row. A payload of 16 MiB or more goes as a
 * {@link MySqlFrame} for the encoder to split. When the channel stops being writable the writer
 * flushes and waits (back-pressure); callers flush at the end of a response.
 *
 * <p>Used by one thread at a time (the connection's serial executor).
 */
public final class PacketWriter {
    static final int BATCH_BYTES = 16 * 1024;

    private final Channel channel;
    private final WritabilityGate gate;
    private int nextSequenceId;
    private ByteBuf batch;

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
            releaseBatch();
            throw new ConnectionClosedException();
        }
        if (batch == null) {
            batch = channel.alloc().buffer(BATCH_BYTES + BATCH_BYTES / 2);
        }
        int headerIndex = batch.writerIndex();
        batch.writeZero(MySqlPacketEncoder.HEADER_LENGTH);
        try {
            packet.write(new MySqlPayload(batch));
        } catch (RuntimeException e) {
            batch.writerIndex(headerIndex);
            throw e;
        }
        int length = batch.writerIndex() - headerIndex - MySqlPacketEncoder.HEADER_LENGTH;
        int sequenceId = nextSequenceId;
        nextSequenceId = (nextSequenceId + MySqlFrame.wirePackets(length)) & 0xff;
        if (length < MySqlPacketEncoder.MAX_PAYLOAD_LENGTH) {
            MySqlPacketEncoder.writeHeader(batch, headerIndex, length, sequenceId);
            if (batch.readableBytes() >= BATCH_BYTES) {
                writeBatch();
            }
        } else {
            // Rare: move the payload out so the encoder can split it into several wire packets.
            ByteBuf payload = batch.copy(headerIndex + MySqlPacketEncoder.HEADER_LENGTH, length);
            batch.writerIndex(headerIndex);
            writeBatch();
            channel.write(new MySqlFrame(sequenceId, payload), channel.voidPromise());
        }
        if (!channel.isWritable()) {
            flush();
            if (!gate.awaitWritable()) {
                throw new ConnectionClosedException();
            }
        }
    }

    private void writeBatch() {
        if (batch == null) {
            return;
        }
        if (batch.isReadable()) {
            channel.write(batch, channel.voidPromise());
        } else {
            batch.release();
        }
        batch = null;
    }

    private void releaseBatch() {
        if (batch != null) {
            batch.release();
            batch = null;
        }
    }

    public void flush() {
        // From a worker thread every channel call is a task for the event loop: the batch and the
        // flush go as one task (one wake-up of the loop per response, not two).
        if (batch != null && batch.isReadable()) {
            ByteBuf b = batch;
            batch = null;
            channel.writeAndFlush(b, channel.voidPromise());
            return;
        }
        writeBatch();
        channel.flush();
    }

    public void writeAndFlush(MySqlPacket packet) {
        write(packet);
        flush();
    }

    /** Writes a last packet after anything pending, then closes the connection once it is on the wire. */
    public void writeAndClose(MySqlPacket packet) {
        if (!channel.isActive()) {
            releaseBatch();
            return;
        }
        write(packet);
        writeBatch();
        channel.writeAndFlush(channel.alloc().buffer(0)).addListener(ChannelFutureListener.CLOSE);
    }
}
