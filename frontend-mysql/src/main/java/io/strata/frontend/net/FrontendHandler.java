package io.strata.frontend.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.strata.frontend.codec.MySqlFrame;
import io.strata.frontend.codec.MySqlPacketDecoder;
import io.strata.frontend.codec.PacketTooLarge;
import io.strata.frontend.packet.HandshakeResponse41Packet;
import io.strata.frontend.packet.MySqlPayload;
import io.strata.spi.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLEngine;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The event-loop side of a connection: it only hands decoded frames to the connection's serial
 * executor and relays socket events. Nothing here blocks or runs SQL.
 *
 * <p>Inbound back-pressure: while more than a few commands wait in the connection's queue
 * (a client pipelining without reading answers), socket reads are paused.
 */
public final class FrontendHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(FrontendHandler.class);
    private static final int MAX_QUEUED_COMMANDS = 16;

    private final ServerContext server;
    private final MySqlPacketDecoder decoder;
    private MySqlConnection connection;
    private SerialExecutor executor;
    private WritabilityGate gate;
    private boolean registered;
    private ScheduledFuture<?> connectTimeout;
    /** Nothing but the greeting has happened yet: the next frame may be an SSLRequest. */
    private boolean firstFrame = true;

    public FrontendHandler(ServerContext server, MySqlPacketDecoder decoder) {
        this.server = requireNonNull(server, "server is null");
        this.decoder = requireNonNull(decoder, "decoder is null");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        long id = server.registry().nextId();
        gate = new WritabilityGate(channel);
        executor = new SerialExecutor(server.workers());
        connection = new MySqlConnection(server, channel, id, decoder, gate);
        registered = server.registry().register(id, channel);
        if (registered) {
            executor.execute(connection::start);
            long timeoutMillis = server.config().connectTimeout().toMillis();
            connectTimeout = ctx.executor().schedule(() -> {
                if (!connection.authenticated()) {
                    LOG.debug("connection {}: not authenticated within {} ms, closing", connection.connectionId(), timeoutMillis);
                    ctx.close();
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        } else {
            executor.execute(() -> connection.refuse(ErrorCode.TOO_MANY_CONNECTIONS.error()));
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MySqlFrame frame) {
            boolean first = firstFrame;
            firstFrame = false;
            if (first && server.config().tls() != null
                    && HandshakeResponse41Packet.isSslRequest(new MySqlPayload(frame.content()))) {
                frame.release();
                startTls(ctx);
                return;
            }
            if (connection.offerToTransfer(frame)) {
                return; // part of a LOAD DATA LOCAL file: the running statement reads it
            }
            try {
                executor.execute(() -> {
                    try {
                        connection.onFrame(frame);
                    } finally {
                        resumeReadsIfDrained(ctx.channel());
                    }
                });
            } catch (RejectedExecutionException e) {
                // The server is shutting down: its worker pool takes no more work.
                frame.release();
                ctx.close();
                return;
            }
            if (executor.pending() > MAX_QUEUED_COMMANDS) {
                ctx.channel().config().setAutoRead(false);
            }
        } else if (msg instanceof PacketTooLarge tooLarge) {
            executor.execute(() -> connection.onPacketTooLarge(tooLarge));
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * Switches the connection to TLS after the client's SSLRequest: the SslHandler goes in front of
     * the framing, and whatever bytes already arrived behind the SSLRequest (the start of the TLS
     * ClientHello) are handed to it. This must happen here on the event loop, before another read.
     */
    private void startTls(ChannelHandlerContext ctx) {
        SSLEngine engine = server.config().tls().createSSLEngine();
        engine.setUseClientMode(false);
        ByteBuf leftover = decoder.drainBuffered();
        ctx.pipeline().addFirst("tls", new SslHandler(engine));
        executor.execute(connection::tlsStarted);
        if (leftover.isReadable()) {
            ctx.pipeline().fireChannelRead(leftover);
        } else {
            leftover.release();
        }
    }

    private void resumeReadsIfDrained(Channel channel) {
        if (!channel.config().isAutoRead() && executor.pending() <= MAX_QUEUED_COMMANDS / 2) {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        gate.signal();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connectTimeout != null) {
            connectTimeout.cancel(false);
        }
        if (connection != null) {
            if (registered) {
                server.registry().unregister(connection.connectionId());
            }
            gate.signal();
            connection.cancelRunningStatement();
            executor.execute(connection::close);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("connection closed on I/O error: {}", cause.toString());
        } else {
            LOG.warn("closing connection after unexpected error", cause);
        }
        ctx.close();
    }
}
