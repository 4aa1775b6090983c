package io.strata.frontend;

import io.strata.frontend.auth.AuthPlugin;

import javax.net.ssl.SSLContext;
import java.security.KeyPair;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How a {@link MySqlServer} listens and behaves.
 *
 * @param host                     address to bind
 * @param port                     TCP port; 0 picks a free ephemeral port ({@link MySqlServer#start()} returns it)
 * @param maxConnections           connections beyond this are refused with ER_CON_COUNT_ERROR (1040)
 * @param ioThreads                Netty event-loop threads (socket I/O and framing only)
 * @param workerThreads            parallelism of the shared pool that runs commands (each connection serially);
 *                                 workers blocked on a slow client are compensated by spare threads
 * @param defaultAuthPlugin        the plugin every account authenticates with; others are switched to it
 * @param rsaKeyPair               RSA keys for caching_sha2_password full authentication, or null to generate at start
 * @param defaultMaxAllowedPacket  max_allowed_packet before a session exists (during the handshake)
 * @param tls                      server certificate and key for TLS, or null to offer no TLS (CLIENT_SSL unset)
 * @param connectTimeout           how long a client may take from connecting to being authenticated
 *                                 (MySQL's connect_timeout, 10 s by default); slower ones are disconnected
 */
public record ServerConfig(String host, int port, int maxConnections, int ioThreads, int workerThreads,
                           AuthPlugin defaultAuthPlugin, KeyPair rsaKeyPair, long defaultMaxAllowedPacket, SSLContext tls,
                           Duration connectTimeout) {
    public static final long DEFAULT_MAX_ALLOWED_PACKET = 64L * 1024 * 1024;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public ServerConfig {
        requireNonNull(host, "host is null");
        requireNonNull(defaultAuthPlugin, "defaultAuthPlugin is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxConnections < 1 || ioThreads < 1 || workerThreads < 1 || defaultMaxAllowedPacket < 1024) {
            throw new IllegalArgumentException("maxConnections, ioThreads, workerThreads must be positive and max packet at least 1024");
        }
    }

    /** Defaults for a local server: loopback, port 4000, 1000 connections, caching_sha2_password. */
    public static ServerConfig defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServerConfig("127.0.0.1", 4000, 1000, Math.max(1, cores), Math.max(4, 2 * cores),
                AuthPlugin.CACHING_SHA2_PASSWORD, null, DEFAULT_MAX_ALLOWED_PACKET, null, DEFAULT_CONNECT_TIMEOUT);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, maxConnections, ioThreads, workerThreads, defaultAuthPlugin, rsaKeyPair, defaultMaxAllowedPacket, tls, connectTimeout);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, port, maxConnections, ioThreads, workerThreads, defaultAuthPlugin, rsaKeyPair, defaultMaxAllowedPacket, tls, connectTimeout);
    }

    public ServerConfig withMaxConnections(int max) {
        return new ServerConfig(host, port, max, ioThreads, workerThreads, defaultAuthPlugin, rsaKeyPair, defaultMaxAllowedPacket, tls, connectTimeout);
    }

    public ServerConfig withThreads(int io, int workers) {
        return new ServerConfig(host, port, maxConnections, io, workers, defaultAuthPlugin, rsaKeyPair, defaultMaxAllowedPacket, tls, connectTimeout);
    }

    public ServerConfig withAuthPlugin(AuthPlugin plugin) {
        return new ServerConfig(host, port, maxConnections, ioThreads, workerThreads, plugin, rsaKeyPair, defaultMaxAllowedPacket, tls, connectTimeout);
    }

    public ServerConfig withRsaKeyPair(KeyPair keys) {
        return new ServerConfig(host, port, maxConnections, ioThreads, workerThreads, defaultAuthPlugin, keys, defaultMaxAllowedPacket, tls, connectTimeout);
    }

    /** Offers TLS with this context's certificate (clients upgrade after an SSLRequest). */
    public ServerConfig withTls(SSLContext context) {
        return new ServerConfig(host, port, maxConnections, ioThreads, workerThreads, defaultAuthPlugin, rsaKeyPair, defaultMaxAllowedPacket, context, connectTimeout);
    }

    public ServerConfig withConnectTimeout(Duration timeout) {
        return new ServerConfig(host, port, maxConnections, ioThreads, workerThreads, defaultAuthPlugin, rsaKeyPair, defaultMaxAllowedPacket, tls, timeout);
    }

    public ServerConfig withDefaultMaxAllowedPacket(long bytes) {
        return new ServerConfig(host, port, maxConnections, ioThreads, workerThreads, defaultAuthPlugin, rsaKeyPair, bytes, tls, connectTimeout);
    }
}
