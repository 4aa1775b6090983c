package io.strata.frontend;

import com.mysql.cj.protocol.Security;
import io.strata.frontend.auth.Scrambles;
import io.strata.spi.session.UserAccount;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Password scrambles against known vectors: MySQL's PASSWORD('password') digest, values computed
 * with Python's hashlib for the nonce 0x01..0x14, and Connector/J's own client implementation.
 */
class ScramblesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] NONCE = new byte[20];

    static {
        for (int i = 0; i < 20; i++) {
            NONCE[i] = (byte) (i + 1);
        }
    }

    private final UserAccount account = UserAccount.withPassword("u", "%", "password");

    @Test
    void storedDigestsMatchMysql() {
        // SELECT PASSWORD('password') in MySQL 5.7: *2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19
        assertEquals("2470c0c06dee42fd1618bb99005adca2ec9d1e19", HEX.formatHex(account.nativeDigest()));
        assertEquals("73641c99f7719f57d8f4beb11a303afcd190243a51ced8782ca6d3dbe014d146", HEX.formatHex(account.sha2Digest()));
    }

    @Test
    void nativeScrambleVector() throws Exception {
        byte[] expected = HEX.parseHex("c17d6009a5cb47e59f7483fcf05553bbbf7dd0d6");
        assertArrayEquals(expected, Scrambles.nativeScramble("password", NONCE));
        assertArrayEquals(expected, Security.scramble411("password".getBytes(StandardCharsets.UTF_8), NONCE));
        assertTrue(Scrambles.verifyNative(expected, NONCE, account.nativeDigest()));
        assertFalse(Scrambles.verifyNative(Scrambles.nativeScramble("Password", NONCE), NONCE, account.nativeDigest()));
        byte[] otherNonce = NONCE.clone();
        otherNonce[0] = 9;
        assertFalse(Scrambles.verifyNative(expected, otherNonce, account.nativeDigest()));
        assertFalse(Scrambles.verifyNative(new byte[19], NONCE, account.nativeDigest()));
    }

    @Test
    void sha2ScrambleVector() throws Exception {
        byte[] expected = HEX.parseHex("f7ab1c623a6e98dceab35e926290e5746a3141116115f4dd8ccca994393eccdd");
        assertArrayEquals(expected, Scrambles.sha2Scramble("password", NONCE));
        assertArrayEquals(expected, Security.scrambleCachingSha2("password".getBytes(StandardCharsets.UTF_8), NONCE));
        assertTrue(Scrambles.verifySha2(expected, NONCE, account.sha2Digest()));
        assertFalse(Scrambles.verifySha2(Scrambles.sha2Scramble("passw0rd", NONCE), NONCE, account.sha2Digest()));
        assertFalse(Scrambles.verifySha2(new byte[32], NONCE, account.sha2Digest()));
    }

    @Test
    void cleartextAndEmpty() {
        assertTrue(Scrambles.verifySha2Cleartext("password".getBytes(StandardCharsets.UTF_8), account.sha2Digest()));
        assertFalse(Scrambles.verifySha2Cleartext("passwordx".getBytes(StandardCharsets.UTF_8), account.sha2Digest()));
        assertTrue(Scrambles.isEmptyResponse(new byte[0]));
        assertTrue(Scrambles.isEmptyResponse(new byte[1]));
        assertFalse(Scrambles.isEmptyResponse(new byte[]{1}));
        assertEquals(0, Scrambles.nativeScramble("", NONCE).length);
    }
}
