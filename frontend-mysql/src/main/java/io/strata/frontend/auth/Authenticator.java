package io.strata.frontend.auth;

import io.strata.frontend.packet.AuthMoreDataPacket;
import io.strata.frontend.packet.AuthSwitchRequestPacket;
import io.strata.frontend.packet.Capabilities;
import io.strata.frontend.packet.HandshakeResponse41Packet;
import io.strata.frontend.packet.MySqlPacket;
import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;
import io.strata.spi.session.QueryEngine;
import io.strata.spi.session.UserAccount;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The authentication exchange of one connection, after the greeting, as a state machine fed with
 * the client's packets. It answers through {@code send} and ends in {@link Outcome#AUTHENTICATED}
 * or by throwing ACCESS_DENIED.
 *
 * <p>Every account authenticates with the server's configured plugin, as if it were the account's
 * plugin in {@code mysql.user}: a client that answered the greeting with another plugin gets an
 * AuthSwitchRequest over the same nonce.
 *
 * <p>caching_sha2_password, as MySQL 8 runs it: an account in the {@link Sha2PasswordCache} is
 * checked by the SHA256 scramble (fast path, answered with "fast auth success", 0x03). Others get
 * "perform full authentication" (0x04); the client then sends the password itself, in the clear if
 * the connection is TLS, otherwise RSA-encrypted after optionally asking for the public key (0x02).
 * A successful full authentication puts the account in the cache. A cleartext password on a
 * connection that is not TLS is refused, as MySQL refuses it.
 *
 * <p>MariaDB's client library (the {@code mysql} command on Debian) implements caching_sha2_password
 * but, on plain TCP, answers "perform full authentication" with the cleartext password. A server
 * would have to refuse it after it crossed the network, so for that client (known by its
 * {@code _client_name} connection attribute) the server switches to mysql_native_password instead of
 * asking for full authentication; such logins never fill the SHA2 cache.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_caching_sha2_authentication_exchanges.html">caching_sha2_password exchanges</a>
 */
public final class Authenticator {
    public enum Outcome { CONTINUE, AUTHENTICATED }

    private enum State { AWAIT_RESPONSE, AWAIT_SWITCH_RESPONSE, AWAIT_NATIVE_FALLBACK, AWAIT_FULL_AUTH, DONE }

    /** Connection attribute naming the client library. */
    private static final String CLIENT_NAME_ATTRIBUTE = "_client_name";
    /**
     * MariaDB Connector/C (the Debian {@code mysql} client): its caching_sha2_password plugin
     * answers "perform full authentication" over plain TCP with the password in the clear
     * instead of asking for the RSA key, so it is switched to mysql_native_password then.
     */
    private static final String LIBMARIADB = "libmariadb";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Authenticator.class);
    private static final byte REQUEST_PUBLIC_KEY = 0x02;
    private static final byte FAST_AUTH_SUCCESS = 0x03;
    private static final byte PERFORM_FULL_AUTHENTICATION = 0x04;

    private final QueryEngine engine;
    private final AuthPlugin serverPlugin;
    private final byte[] nonce;
    private final RsaKeys rsaKeys;
    private final Sha2PasswordCache cache;
    private final String clientHost;
    private final boolean secureTransport;
    private final Consumer<MySqlPacket> send;

    private State state = State.AWAIT_RESPONSE;
    private HandshakeResponse41Packet response;
    private UserAccount account;
    private boolean usedPassword;

    /**
     * @param clientHost      the client's address as accounts are matched against it (no port)
     * @param secureTransport the connection is TLS, so a cleartext password may be accepted
     * @param send            writes and flushes a packet to the client
     */
    public Authenticator(QueryEngine engine, AuthPlugin serverPlugin, byte[] nonce, RsaKeys rsaKeys, Sha2PasswordCache cache,
                         String clientHost, boolean secureTransport, Consumer<MySqlPacket> send) {
        this.engine = requireNonNull(engine, "engine is null");
        this.serverPlugin = requireNonNull(serverPlugin, "serverPlugin is null");
        this.nonce = nonce.clone();
        this.rsaKeys = requireNonNull(rsaKeys, "rsaKeys is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.clientHost = requireNonNull(clientHost, "clientHost is null");
        this.secureTransport = secureTransport;
        this.send = requireNonNull(send, "send is null");
    }

    /** The client's handshake response; valid once the first step ran. */
    public HandshakeResponse41Packet response() {
        return response;
    }

    public Outcome onHandshakeResponse(HandshakeResponse41Packet packet) {
        if (state != State.AWAIT_RESPONSE) {
            throw new IllegalStateException("handshake response in state " + state);
        }
        this.response = packet;
        byte[] auth = packet.authResponse();
        this.usedPassword = !Scrambles.isEmptyResponse(auth);
        Optional<UserAccount> found = engine.findAccount(packet.user(), clientHost);
        this.account = found.orElse(null);
        String clientPluginName = Capabilities.has(packet.capabilities(), Capabilities.CLIENT_PLUGIN_AUTH)
                ? packet.authPlugin() : AuthPlugin.MYSQL_NATIVE_PASSWORD.protocolName();
        LOG.debug("handshake response: user {}, plugin {}, {} auth bytes, account {}, attributes {}", packet.user(),
                clientPluginName, auth.length, account != null, packet.attributes());
        if (!serverPlugin.protocolName().equals(clientPluginName)) {
            if (!Capabilities.has(packet.capabilities(), Capabilities.CLIENT_PLUGIN_AUTH)) {
                throw denied();
            }
            state = State.AWAIT_SWITCH_RESPONSE;
            send.accept(new AuthSwitchRequestPacket(serverPlugin.protocolName(), nonce));
            return Outcome.CONTINUE;
        }
        return verify(auth);
    }

    /** A packet after the handshake response: a switched-plugin answer or full-authentication data. */
    public Outcome onAuthData(byte[] data) {
        LOG.debug("auth data in state {}: {} bytes, first {}", state, data.length, data.length > 0 ? data[0] : -1);
        switch (state) {
            case AWAIT_SWITCH_RESPONSE:
                usedPassword = !Scrambles.isEmptyResponse(data);
                return verify(data);
            case AWAIT_NATIVE_FALLBACK:
                if (Scrambles.verifyNative(data, nonce, account.nativeDigest())) {
                    return done();
                }
                throw denied();
            case AWAIT_FULL_AUTH:
                return fullAuthentication(data);
            default:
                throw new IllegalStateException("authentication data in state " + state);
        }
    }

    private Outcome verify(byte[] auth) {
        if (account == null) {
            throw denied();
        }
        if (!account.hasPassword()) {
            if (Scrambles.isEmptyResponse(auth)) {
                return done();
            }
            throw denied();
        }
        if (Scrambles.isEmptyResponse(auth)) {
            throw denied();
        }
        if (serverPlugin == AuthPlugin.MYSQL_NATIVE_PASSWORD) {
            if (Scrambles.verifyNative(auth, nonce, account.nativeDigest())) {
                return done();
            }
            throw denied();
        }
        byte[] digest = account.sha2Digest();
        if (cache.contains(account.user(), account.host(), digest)) {
            if (Scrambles.verifySha2(auth, nonce, digest)) {
                send.accept(new AuthMoreDataPacket(new byte[]{FAST_AUTH_SUCCESS}));
                return done();
            }
            throw denied();
        }
        if (!secureTransport && LIBMARIADB.equals(response.attributes().get(CLIENT_NAME_ATTRIBUTE))) {
            state = State.AWAIT_NATIVE_FALLBACK;
            send.accept(new AuthSwitchRequestPacket(AuthPlugin.MYSQL_NATIVE_PASSWORD.protocolName(), nonce));
            return Outcome.CONTINUE;
        }
        state = State.AWAIT_FULL_AUTH;
        send.accept(new AuthMoreDataPacket(new byte[]{PERFORM_FULL_AUTHENTICATION}));
        return Outcome.CONTINUE;
    }

    private Outcome fullAuthentication(byte[] data) {
        if (data.length == 1 && data[0] == REQUEST_PUBLIC_KEY) {
            send.accept(new AuthMoreDataPacket(rsaKeys.publicKeyPem()));
            return Outcome.CONTINUE;
        }
        byte[] password;
        if (secureTransport) {
            password = data;
        } else {
            if (data.length != rsaKeys.blockLength()) {
                throw denied();
            }
            byte[] plain = rsaKeys.decrypt(data);
            if (plain == null) {
                throw denied();
            }
            password = Scrambles.xor(plain, nonce);
        }
        int end = password.length;
        if (end > 0 && password[end - 1] == 0) {
            end--;
        }
        password = Arrays.copyOf(password, end);
        byte[] digest = account.sha2Digest();
        if (!Scrambles.verifySha2Cleartext(password, digest)) {
            throw denied();
        }
        cache.add(account.user(), account.host(), digest);
        return done();
    }

    private Outcome done() {
        state = State.DONE;
        return Outcome.AUTHENTICATED;
    }

    private StrataException denied() {
        state = State.DONE;
        String user = response == null ? "" : response.user();
        return ErrorCode.ACCESS_DENIED.error(user, clientHost, usedPassword ? "YES" : "NO");
    }
}
