package io.strata.frontend.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.strata.frontend.codec.MySqlFrame;
import io.strata.spi.ErrorCode;

import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import static java.util.Objects.requireNonNull;

/**
 * The file a client sends after a LOCAL INFILE request, read as a stream by the worker that runs
 * the LOAD DATA. While the transfer is open the event loop hands every frame of the connection
 * here instead of queueing it as a command ({@link #offer}); the client's empty packet ends the
 * file. Closing the stream reads and drops whatever the client still sends up to that empty packet,
 * so a statement that fails half way leaves the connection in step; the answer then continues the
 * sequence after the client's last packet.
 *
 * <p>Back-pressure: when more than {@link #HIGH_WATER} frames wait, socket reads pause until the
 * reader has taken them down to {@link #LOW_WATER}.
 */
final class LocalInfileTransfer extends InputStream {
    static final int HIGH_WATER = 64;
    static final int LOW_WATER = 16;
    /** MySQL's default net_read_timeout: the longest wait for the client's next packet. */
    private static final long READ_TIMEOUT_SECONDS = 30;
    private static final Object CONNECTION_CLOSED = new Object();

    private final Channel channel;
    private final IntConsumer lastSequenceId;
    private final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    /** The event loop still routes frames here (until the empty packet arrived). */
    private volatile boolean open = true;

    // read by the worker only
    private MySqlFrame current;
    private boolean finished;
    private boolean broken;
    private boolean closed;

    /**
     * @param lastSequenceId told the sequence id of the client's last packet once the file ended,
     *                       so the answer continues after it
     */
    LocalInfileTransfer(Channel channel, IntConsumer lastSequenceId) {
        this.channel = requireNonNull(channel, "channel is null");
        this.lastSequenceId = requireNonNull(lastSequenceId, "lastSequenceId is null");
    }

    /** Event loop: takes the frame if the transfer is still open. */
    boolean offer(MySqlFrame frame) {
        if (!open) {
            return false;
        }
        if (!frame.content().isReadable()) {
            open = false;
        }
        frames.add(frame);
        if (frames.size() > HIGH_WATER) {
            channel.config().setAutoRead(false);
        }
        return true;
    }

    /** Event loop: the socket closed; a waiting reader fails. */
    void abort() {
        open = false;
        frames.add(CONNECTION_CLOSED);
    }

    /** The statement closed the stream (a multi-statement text may then ask for another file). */
    boolean isClosed() {
        return closed;
    }

    /** The client's stream could not be read to its end: the connection is out of step. */
    boolean broken() {
        return broken;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        ByteBuf content = nextContent();
        if (content == null) {
            return -1;
        }
        int n = Math.min(len, content.readableBytes());
        content.readBytes(b, off, n);
        return n;
    }

    /** The frame content with bytes left, or null at the end of the file. */
    private ByteBuf nextContent() {
        while (current == null || !current.content().isReadable()) {
            if (finished || closed) {
                return null;
            }
            releaseCurrent();
            MySqlFrame frame = take();
            if (!frame.content().isReadable()) {
                frame.release();
                finish(frame.sequenceId());
                return null;
            }
            current = frame;
        }
        return current.content();
    }

    private MySqlFrame take() {
        Object next;
        try {
            next = frames.poll(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broken = true;
            throw ErrorCode.QUERY_INTERRUPTED.error();
        }
        if (next == null) {
            broken = true;
            throw ErrorCode.NET_READ_INTERRUPTED.error();
        }
        if (next == CONNECTION_CLOSED) {
            broken = true;
            throw ErrorCode.NET_READ_ERROR.error();
        }
        if (!channel.config().isAutoRead() && frames.size() <= LOW_WATER) {
            channel.config().setAutoRead(true);
        }
        return (MySqlFrame) next;
    }

    private void finish(int sequenceId) {
        finished = true;
        lastSequenceId.accept(sequenceId);
    }

    private void releaseCurrent() {
        if (current != null) {
            current.release();
            current = null;
        }
    }

    /** Drops the rest of the file up to the client's empty packet. Never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            releaseCurrent();
            while (!finished && !broken) {
                MySqlFrame frame = take();
                boolean last = !frame.content().isReadable();
                int sequenceId = frame.sequenceId();
                frame.release();
                if (last) {
                    finish(sequenceId);
                }
            }
        } catch (RuntimeException e) {
            broken = true;
        } finally {
            closed = true;
            open = false;
            if (!channel.config().isAutoRead()) {
                channel.config().setAutoRead(true);
            }
            Object left;
            while ((left = frames.poll()) != null) {
                if (left instanceof MySqlFrame f) {
                    f.release();
                }
            }
        }
    }
}
