package io.strata.frontend.net;

import io.netty.channel.Channel;
import io.strata.frontend.ErrPacketFactory;
import io.strata.frontend.auth.Authenticator;
import io.strata.frontend.codec.MySqlFrame;
import io.strata.frontend.codec.MySqlPacketDecoder;
import io.strata.frontend.codec.PacketTooLarge;
import io.strata.frontend.command.CommandDispatcher;
import io.strata.frontend.packet.Capabilities;
import io.strata.frontend.packet.ComChangeUserPacket;
import io.strata.frontend.packet.CommandType;
import io.strata.frontend.packet.HandshakeResponse41Packet;
import io.strata.frontend.packet.HandshakeV10Packet;
import io.strata.frontend.packet.LocalInfileRequestPacket;
import io.strata.frontend.packet.MalformedPacketException;
import io.strata.frontend.packet.MySqlPayload;
import io.strata.frontend.packet.OkPacket;
import io.strata.frontend.packet.StatusFlags;
import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;
import io.strata.spi.session.ClientConnection;
import io.strata.spi.session.SessionInfo;
import io.strata.spi.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

import static java.util.Objects.requireNonNull;

/**
 * One client connection through its life: greeting, authentication, then commands until the
 * client quits or the socket closes. All methods except {@link #cancelRunningStatement()},
 * {@link #offerToTransfer} and {@link #authenticated()} (called from the event loop; they read
 * volatile fields only) run on the
 * connection's serial executor, one at a time, so the state here needs no locks.
 */
final class MySqlConnection {
    private static final Logger LOG = LoggerFactory.getLogger(MySqlConnection.class);
    /** The server's default collation announced in the greeting (utf8mb4_0900_ai_ci, 255, as MySQL 8). */
    private static final int DEFAULT_COLLATION = io.strata.spi.collation.Collations.DEFAULT.id();

    private enum Phase { AUTHENTICATING, COMMANDS, CLOSED }

    private final ServerContext server;
    private final Channel channel;
    private final long connectionId;
    private final MySqlPacketDecoder decoder;
    private final PacketWriter out;
    private final byte[] nonce;
    private final String clientIp;
    private final String clientAddress;

    private Phase phase = Phase.AUTHENTICATING;
    /** Authentication succeeded once (read by the event loop's connect-timeout check). */
    private volatile boolean authenticated;
    /** The connection switched to TLS after an SSLRequest. */
    private boolean secure;
    private Authenticator authenticator;
    private volatile SqlSession session;
    /** A command is being executed (so a closing socket should cancel it). */
    private volatile boolean executing;
    private CommandDispatcher dispatcher;
    /** The client's handshake response, for what COM_CHANGE_USER does not repeat (capabilities). */
    private HandshakeResponse41Packet handshake;
    /** Capabilities both sides announced. */
    private int capabilities;
    /** The LOAD DATA LOCAL file being received, or null (read by the event loop). */
    private volatile LocalInfileTransfer transfer;

    MySqlConnection(ServerContext server, Channel channel, long connectionId, MySqlPacketDecoder decoder, WritabilityGate gate) {
        this.server = requireNonNull(server, "server is null");
        this.channel = requireNonNull(channel, "channel is null");
        this.connectionId = connectionId;
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.out = new PacketWriter(channel, gate);
        this.nonce = server.nonces().next();
        SocketAddress remote = channel.remoteAddress();
        if (remote instanceof InetSocketAddress inet) {
            this.clientIp = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            this.clientAddress = clientIp + ":" + inet.getPort();
        } else {
            this.clientIp = "localhost";
            this.clientAddress = String.valueOf(remote);
        }
    }

    long connectionId() {
        return connectionId;
    }

    boolean authenticated() {
        return authenticated;
    }

    /** Sends the greeting. */
    void start() {
        int status = StatusFlags.SERVER_STATUS_AUTOCOMMIT;
        out.reset();
        try {
            out.writeAndFlush(new HandshakeV10Packet(server.engine().serverVersion(), connectionId, nonce,
                    serverCapabilities(), DEFAULT_COLLATION, status, server.config().defaultAuthPlugin().protocolName()));
        } catch (ConnectionClosedException e) {
            phase = Phase.CLOSED;
        }
    }

    private int serverCapabilities() {
        return Capabilities.SERVER_CAPABILITIES | (server.config().tls() != null ? Capabilities.CLIENT_SSL : 0);
    }

    /** The event loop put TLS in front of the framing; the handshake response comes encrypted. */
    void tlsStarted() {
        secure = true;
    }

    /** Refuses the connection (server full) with the error a client expects before any greeting. */
    void refuse(StrataException error) {
        phase = Phase.CLOSED;
        out.reset();
        out.writeAndClose(ErrPacketFactory.create(error));
    }

    void onFrame(MySqlFrame frame) {
        try {
            if (phase == Phase.CLOSED) {
                return;
            }
            MySqlPayload payload = new MySqlPayload(frame.content());
            if (phase == Phase.AUTHENTICATING) {
                authenticate(payload, frame.sequenceId());
            } else if (payload.isReadable() && payload.peekInt1() == CommandType.COM_CHANGE_USER.code()) {
                changeUser(payload, frame.sequenceId());
            } else {
                CommandDispatcher.Next next;
                executing = true;
                try {
                    next = dispatcher.dispatch(payload, frame.sequenceId());
                } finally {
                    executing = false;
                    if (endTransfer()) {
                        next = CommandDispatcher.Next.CLOSE;
                    }
                }
                if (next == CommandDispatcher.Next.CLOSE) {
                    close();
                } else {
                    decoder.setMaxAllowedPacket(session.maxAllowedPacket());
                }
            }
        } finally {
            frame.release();
        }
    }

    private void authenticate(MySqlPayload payload, int sequenceId) {
        out.answer(sequenceId);
        try {
            Authenticator.Outcome outcome;
            if (authenticator == null) {
                authenticator = new Authenticator(server.engine(), server.config().defaultAuthPlugin(), nonce, server.rsaKeys(),
                        server.sha2Cache(), clientIp, secure, out::writeAndFlush);
                if (HandshakeResponse41Packet.isSslRequest(payload)) {
                    // TLS is not configured (or already on): CLIENT_SSL was not offered for this.
                    throw ErrorCode.HANDSHAKE_ERROR.error();
                }
                outcome = authenticator.onHandshakeResponse(new HandshakeResponse41Packet(payload));
            } else {
                outcome = authenticator.onAuthData(payload.readBytesEof());
            }
            if (outcome == Authenticator.Outcome.AUTHENTICATED) {
                openSession(authenticator.response());
            }
        } catch (ConnectionClosedException e) {
            close();
        } catch (MalformedPacketException e) {
            failAuthentication(ErrorCode.HANDSHAKE_ERROR.error());
        } catch (RuntimeException e) {
            failAuthentication(e);
        }
    }

    /**
     * COM_CHANGE_USER: authenticate again over the original nonce (the exchange may continue with
     * more packets, as at login); success replaces the session, failure closes the connection.
     */
    private void changeUser(MySqlPayload payload, int sequenceId) {
        out.answer(sequenceId);
        try {
            payload.readInt1();
            HandshakeResponse41Packet request = new ComChangeUserPacket(payload, handshake.capabilities())
                    .asHandshakeResponse(handshake.capabilities(), handshake.maxPacketSize(), handshake.collation());
            phase = Phase.AUTHENTICATING;
            authenticator = new Authenticator(server.engine(), server.config().defaultAuthPlugin(), nonce, server.rsaKeys(),
                    server.sha2Cache(), clientIp, secure, out::writeAndFlush);
            if (authenticator.onHandshakeResponse(request) == Authenticator.Outcome.AUTHENTICATED) {
                openSession(authenticator.response());
            }
        } catch (ConnectionClosedException e) {
            close();
        } catch (RuntimeException e) {
            failAuthentication(e);
        }
    }

    private void openSession(HandshakeResponse41Packet response) {
        if (handshake == null) {
            handshake = response;
        }
        SqlSession previous = session;
        if (previous != null) {
            session = null;
            previous.close();
        }
        capabilities = response.capabilities() & serverCapabilities();
        SessionInfo info = new SessionInfo(connectionId, response.user(), clientAddress, response.database(),
                Capabilities.has(capabilities, Capabilities.CLIENT_MULTI_STATEMENTS),
                Capabilities.has(capabilities, Capabilities.CLIENT_FOUND_ROWS));
        SqlSession opened = server.engine().openSession(info, new ClientConnection() {
            @Override
            public void disconnect() {
                channel.close();
            }

            @Override
            public InputStream requestLocalFile(String fileName) {
                return MySqlConnection.this.requestLocalFile(fileName);
            }
        });
        session = opened;
        dispatcher = new CommandDispatcher(connectionId, opened, out, capabilities, server.registry(), server.stats());
        phase = Phase.COMMANDS;
        authenticated = true;
        authenticator = null;
        decoder.setMaxAllowedPacket(opened.maxAllowedPacket());
        out.writeAndFlush(new OkPacket(0, 0, opened.statusFlags(), 0, ""));
    }

    /**
     * LOAD DATA LOCAL (on the worker, inside a command): sends the LOCAL INFILE request and returns
     * the client's file as a stream. From now until the client's empty packet every frame of the
     * connection belongs to the file.
     */
    private InputStream requestLocalFile(String fileName) {
        if (!Capabilities.has(capabilities, Capabilities.CLIENT_LOCAL_FILES)) {
            throw ErrorCode.CLIENT_LOCAL_FILES_DISABLED.error();
        }
        LocalInfileTransfer previous = transfer;
        if (previous != null && !previous.isClosed()) {
            // a statement asked for a second file before closing the first: the client cannot tell them apart
            throw ErrorCode.INTERNAL.error("a LOCAL INFILE transfer is already open");
        }
        LocalInfileTransfer opened = new LocalInfileTransfer(channel, out::answer);
        transfer = opened;
        out.writeAndFlush(new LocalInfileRequestPacket(fileName));
        return opened;
    }

    /** Event loop: routes the frame to an open LOCAL INFILE transfer; false when there is none. */
    boolean offerToTransfer(MySqlFrame frame) {
        LocalInfileTransfer t = transfer;
        return t != null && t.offer(frame);
    }

    /**
     * After a command: makes sure a LOCAL INFILE transfer is read to its end (the statement may have
     * failed before reading it). True when the stream could not be brought back in step.
     */
    private boolean endTransfer() {
        LocalInfileTransfer t = transfer;
        if (t == null) {
            return false;
        }
        t.close();
        transfer = null;
        return t.broken();
    }

    private void failAuthentication(Throwable failure) {
        phase = Phase.CLOSED;
        out.writeAndClose(ErrPacketFactory.create(failure));
    }

    /** The decoder saw a header announcing more than max_allowed_packet: answer 1153 and close. */
    void onPacketTooLarge(PacketTooLarge tooLarge) {
        if (phase == Phase.CLOSED) {
            return;
        }
        LOG.debug("connection {}: packet of {} bytes exceeds max_allowed_packet", connectionId, tooLarge.announcedLength());
        phase = Phase.CLOSED;
        out.answer(tooLarge.sequenceId());
        out.writeAndClose(ErrPacketFactory.create(ErrorCode.NET_PACKET_TOO_LARGE.error()));
    }

    /** Called from the event loop when the socket closes: stop a statement that is still running. */
    void cancelRunningStatement() {
        LocalInfileTransfer t = transfer;
        if (t != null) {
            t.abort();
        }
        SqlSession current = session;
        if (current != null && executing) {
            try {
                current.cancel();
            } catch (RuntimeException e) {
                LOG.debug("connection {}: cancel failed", connectionId, e);
            }
        }
    }

    /** Releases the session; runs after every task queued before the close. */
    void close() {
        phase = Phase.CLOSED;
        SqlSession current = session;
        session = null;
        if (current != null) {
            try {
                current.close();
            } catch (RuntimeException e) {
                LOG.warn("connection {}: closing the session failed", connectionId, e);
            }
        }
        channel.close();
    }
}
