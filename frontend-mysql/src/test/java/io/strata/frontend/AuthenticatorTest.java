package io.strata.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.strata.frontend.auth.AuthPlugin;
import io.strata.frontend.auth.Authenticator;
import io.strata.frontend.auth.RsaKeys;
import io.strata.frontend.auth.Scrambles;
import io.strata.frontend.auth.Sha2PasswordCache;
import io.strata.frontend.packet.Capabilities;
import io.strata.frontend.packet.HandshakeResponse41Packet;
import io.strata.frontend.packet.MySqlPacket;
import io.strata.frontend.packet.MySqlPayload;
import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The authentication state machine, packet by packet, without sockets. */
class AuthenticatorTest {
    private static final KeyPair KEYS = TestKeys.KEY_PAIR;
    private static final int CAPS = Capabilities.CLIENT_PROTOCOL_41 | Capabilities.CLIENT_SECURE_CONNECTION
            | Capabilities.CLIENT_PLUGIN_AUTH | Capabilities.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA;

    private final FakeQueryEngine engine = new FakeQueryEngine().withAccount("alice", "s3cret").withAccount("root", "");
    private final RsaKeys rsa = new RsaKeys(KEYS);
    private final Sha2PasswordCache cache = new Sha2PasswordCache();
    private final List<byte[]> sent = new ArrayList<>();
    private final byte[] nonce = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);

    private Authenticator authenticator(AuthPlugin plugin) {
        return new Authenticator(engine, plugin, nonce, rsa, cache, "10.0.0.1", false, this::capture);
    }

    private void capture(MySqlPacket packet) {
        ByteBuf buf = Unpooled.buffer();
        packet.write(new MySqlPayload(buf));
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        sent.add(bytes);
    }

    private static HandshakeResponse41Packet response(String user, byte[] auth, String plugin, Map<String, String> attributes) {
        int caps = CAPS | (attributes.isEmpty() ? 0 : Capabilities.CLIENT_CONNECT_ATTRS);
        return new HandshakeResponse41Packet(caps, 1 << 24, 255, user, auth, null, plugin, attributes);
    }

    @Test
    void nativePassword() {
        Authenticator auth = authenticator(AuthPlugin.MYSQL_NATIVE_PASSWORD);
        assertEquals(Authenticator.Outcome.AUTHENTICATED, auth.onHandshakeResponse(
                response("alice", Scrambles.nativeScramble("s3cret", nonce), "mysql_native_password", Map.of())));
        assertTrue(sent.isEmpty());
        StrataException denied = assertThrows(StrataException.class, () -> authenticator(AuthPlugin.MYSQL_NATIVE_PASSWORD)
                .onHandshakeResponse(response("alice", Scrambles.nativeScramble("nope", nonce), "mysql_native_password", Map.of())));
        assertEquals(ErrorCode.ACCESS_DENIED, denied.code());
        assertEquals("Access denied for user 'alice'@'10.0.0.1' (using password: YES)", denied.getMessage());
    }

    @Test
    void emptyPasswordAndUnknownUser() {
        assertEquals(Authenticator.Outcome.AUTHENTICATED, authenticator(AuthPlugin.CACHING_SHA2_PASSWORD)
                .onHandshakeResponse(response("root", new byte[0], "caching_sha2_password", Map.of())));
        StrataException unknown = assertThrows(StrataException.class, () -> authenticator(AuthPlugin.CACHING_SHA2_PASSWORD)
                .onHandshakeResponse(response("mallory", new byte[0], "caching_sha2_password", Map.of())));
        assertEquals("Access denied for user 'mallory'@'10.0.0.1' (using password: NO)", unknown.getMessage());
        StrataException noPassword = assertThrows(StrataException.class, () -> authenticator(AuthPlugin.CACHING_SHA2_PASSWORD)
                .onHandshakeResponse(response("alice", new byte[0], "caching_sha2_password", Map.of())));
        assertEquals("Access denied for user 'alice'@'10.0.0.1' (using password: NO)", noPassword.getMessage());
    }

    @Test
    void cachingSha2FullAuthenticationWithRsaThenFastPath() throws Exception {
        Authenticator auth = authenticator(AuthPlugin.CACHING_SHA2_PASSWORD);
        assertEquals(Authenticator.Outcome.CONTINUE, auth.onHandshakeResponse(
                response("alice", Scrambles.sha2Scramble("s3cret", nonce), "caching_sha2_password", Map.of())));
        assertArrayEquals(new byte[]{0x01, 0x04}, sent.get(0), "perform full authentication");
        assertEquals(Authenticator.Outcome.CONTINUE, auth.onAuthData(new byte[]{0x02}));
        byte[] keyPacket = sent.get(1);
        assertEquals(0x01, keyPacket[0]);
        String pem = new String(keyPacket, 1, keyPacket.length - 1, StandardCharsets.US_ASCII);
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"), pem);
        PublicKey key = parsePem(pem);
        byte[] password = Arrays.copyOf("s3cret".getBytes(StandardCharsets.UTF_8), 7);
        byte[] encrypted = RsaKeys.encrypt(key, Scrambles.xor(password, nonce));
        assertEquals(Authenticator.Outcome.AUTHENTICATED, auth.onAuthData(encrypted));

        sent.clear();
        Authenticator again = authenticator(AuthPlugin.CACHING_SHA2_PASSWORD);
        assertEquals(Authenticator.Outcome.AUTHENTICATED, again.onHandshakeResponse(
                response("alice", Scrambles.sha2Scramble("s3cret", nonce), "caching_sha2_password", Map.of())));
        assertArrayEquals(new byte[]{0x01, 0x03}, sent.get(0), "fast auth success");
        assertThrows(StrataException.class, () -> authenticator(AuthPlugin.CACHING_SHA2_PASSWORD).onHandshakeResponse(
                response("alice", Scrambles.sha2Scramble("wrong", nonce), "caching_sha2_password", Map.of())));
    }

    @Test
    void wrongPasswordInFullAuthentication() throws Exception {
        Authenticator auth = authenticator(AuthPlugin.CACHING_SHA2_PASSWORD);
        auth.onHandshakeResponse(response("alice", Scrambles.sha2Scramble("bad", nonce), "caching_sha2_password", Map.of()));
        PublicKey key = parsePem(new String(rsa.publicKeyPem(), StandardCharsets.US_ASCII));
        byte[] encrypted = RsaKeys.encrypt(key, Scrambles.xor("bad\0".getBytes(StandardCharsets.UTF_8), nonce));
        StrataException e = assertThrows(StrataException.class, () -> auth.onAuthData(encrypted));
        assertEquals(ErrorCode.ACCESS_DENIED, e.code());
    }

    @Test
    void cleartextPasswordWithoutTlsIsRefused() {
        Authenticator auth = authenticator(AuthPlugin.CACHING_SHA2_PASSWORD);
        auth.onHandshakeResponse(response("alice", Scrambles.sha2Scramble("s3cret", nonce), "caching_sha2_password", Map.of()));
        assertThrows(StrataException.class, () -> auth.onAuthData("s3cret\0".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void cleartextPasswordOverTlsIsAccepted() {
        Authenticator auth = new Authenticator(engine, AuthPlugin.CACHING_SHA2_PASSWORD, nonce, rsa, cache, "10.0.0.1", true, this::capture);
        auth.onHandshakeResponse(response("alice", Scrambles.sha2Scramble("s3cret", nonce), "caching_sha2_password", Map.of()));
        assertEquals(Authenticator.Outcome.AUTHENTICATED, auth.onAuthData("s3cret\0".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void clientWithAnotherPluginIsSwitched() {
        Authenticator auth = authenticator(AuthPlugin.MYSQL_NATIVE_PASSWORD);
        assertEquals(Authenticator.Outcome.CONTINUE, auth.onHandshakeResponse(
                response("alice", Scrambles.sha2Scramble("s3cret", nonce), "caching_sha2_password", Map.of())));
        byte[] switchRequest = sent.get(0);
        assertEquals((byte) 0xfe, switchRequest[0]);
        String rest = new String(switchRequest, 1, switchRequest.length - 1, StandardCharsets.US_ASCII);
        assertEquals("mysql_native_password\0" + new String(nonce, StandardCharsets.US_ASCII) + "\0", rest);
        assertEquals(Authenticator.Outcome.AUTHENTICATED, auth.onAuthData(Scrambles.nativeScramble("s3cret", nonce)));
    }

    @Test
    void unsupportedClientPluginIsSwitchedToTheDefault() {
        Authenticator auth = authenticator(AuthPlugin.CACHING_SHA2_PASSWORD);
        assertEquals(Authenticator.Outcome.CONTINUE, auth.onHandshakeResponse(
                response("root", new byte[0], "client_ed25519", Map.of())));
        assertEquals((byte) 0xfe, sent.get(0)[0]);
        assertEquals(Authenticator.Outcome.AUTHENTICATED, auth.onAuthData(new byte[0]));
    }

    @Test
    void mariadbClientFallsBackToNativeInsteadOfCleartext() {
        Authenticator auth = authenticator(AuthPlugin.CACHING_SHA2_PASSWORD);
        assertEquals(Authenticator.Outcome.CONTINUE, auth.onHandshakeResponse(response("alice",
                Scrambles.sha2Scramble("s3cret", nonce), "caching_sha2_password", Map.of("_client_name", "libmariadb"))));
        assertEquals((byte) 0xfe, sent.get(0)[0]);
        assertEquals(Authenticator.Outcome.AUTHENTICATED, auth.onAuthData(Scrambles.nativeScramble("s3cret", nonce)));
    }

    private static PublicKey parsePem(String pem) throws Exception {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
