package io.strata.frontend;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.strata.frontend.auth.NonceGenerator;
import io.strata.frontend.auth.RsaKeys;
import io.strata.frontend.auth.Sha2PasswordCache;
import io.strata.frontend.codec.MySqlPacketDecoder;
import io.strata.frontend.codec.MySqlPacketEncoder;
import io.strata.frontend.net.ConnectionRegistry;
import io.strata.frontend.net.FrontendHandler;
import io.strata.frontend.net.ServerContext;
import io.strata.frontend.net.ServerStats;
import io.strata.spi.session.QueryEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * A MySQL protocol server in front of a {@link QueryEngine}. Netty event loops do socket I/O
 * and framing; commands run on a shared worker pool, each connection's commands in order.
 *
 * <pre>
 * MySqlServer server = new MySqlServer(engine, ServerConfig.defaults().withPort(0));
 * int port = server.start();
 * ...
 * server.close();
 * </pre>
 */
public final class MySqlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MySqlServer.class);
    private static final int RSA_KEY_BITS = 2048;
    /** Outbound bytes queued per connection before the worker waits for the client to read. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final QueryEngine engine;
    private final ServerConfig config;
    private EventLoopGroup bossGroup;
    private EventLoopGroup ioGroup;
    private ExecutorService workers;
    private ChannelGroup channels;
    private Channel serverChannel;
    private ConnectionRegistry registry;

    public MySqlServer(QueryEngine engine, ServerConfig config) {
        this.engine = requireNonNull(engine, "engine is null");
        this.config = requireNonNull(config, "config is null");
    }

    /** Binds and starts accepting connections; returns the bound port. */
    public synchronized int start() {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        KeyPair keys = config.rsaKeyPair() != null ? config.rsaKeyPair() : RsaKeys.generate(RSA_KEY_BITS);
        workers = newWorkerPool(config.workerThreads());
        registry = new ConnectionRegistry(config.maxConnections());
        ServerContext context = new ServerContext(engine, config, workers, registry, new NonceGenerator(new SecureRandom()),
                new RsaKeys(keys), new Sha2PasswordCache(), new ServerStats());
        bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("strata-mysql-accept", true), NioIoHandler.newFactory());
        ioGroup = new MultiThreadIoEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("strata-mysql-io", true), NioIoHandler.newFactory());
        channels = new DefaultChannelGroup("strata-mysql", GlobalEventExecutor.INSTANCE);
        MySqlPacketEncoder encoder = new MySqlPacketEncoder();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        MySqlPacketDecoder decoder = new MySqlPacketDecoder(config.defaultMaxAllowedPacket());
                        ch.pipeline().addLast("decoder", decoder);
                        ch.pipeline().addLast("encoder", encoder);
                        ch.pipeline().addLast("frontend", new FrontendHandler(context, decoder));
                    }
                });
        try {
            serverChannel = bootstrap.bind(config.host(), config.port()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown();
            throw new IllegalStateException("interrupted while binding", e);
        } catch (RuntimeException e) {
            shutdown();
            throw e;
        }
        int port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        LOG.info("MySQL protocol listening on {}:{}", config.host(), port);
        return port;
    }

    /**
     * The shared command pool: a fork-join pool in FIFO mode, so a worker blocked by a slow
     * client ({@code WritabilityGate}, a managed block) is compensated by a spare thread instead of
     * taking a slot from other connections.
     */
    private static ExecutorService newWorkerPool(int threads) {
        AtomicInteger counter = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = pool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("strata-mysql-worker-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ForkJoinPool(threads, factory, (thread, error) -> LOG.error("uncaught in {}", thread.getName(), error), true);
    }

    /** Connections currently open. */
    public int connectionCount() {
        return registry == null ? 0 : registry.size();
    }

    /** Stops accepting, closes every connection, and stops the event loops and workers. */
    @Override
    public synchronized void close() {
        shutdown();
    }

    private void shutdown() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
        }
        if (channels != null) {
            channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
            bossGroup = null;
        }
        if (ioGroup != null) {
            ioGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
            ioGroup = null;
        }
        if (workers != null) {
            workers.shutdown();
            try {
                if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                    workers.shutdownNow();
                }
            } catch (InterruptedException e) {
                workers.shutdownNow();
                Thread.currentThread().interrupt();
            }
            workers = null;
        }
    }
}
