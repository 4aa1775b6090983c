package io.strata.frontend.auth;

import io.strata.spi.session.UserAccount;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The challenge-response arithmetic of the two password plugins, for both sides (the client side
 * serves tests). The server never sees or stores the password for a challenge-response; it keeps
 * a double hash {@code H(H(pw))} and checks that the client knew {@code H(pw)}:
 *
 * <pre>
 * mysql_native_password:  response = SHA1(pw) XOR SHA1(nonce + SHA1(SHA1(pw)))
 * caching_sha2_password:  response = SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + nonce)
 * </pre>
 * Verification XORs the response with the stored-hash term to recover {@code H(pw)}, hashes it
 * once more and compares with the stored double hash in constant time.
 */
public final class Scrambles {
    private Scrambles() {
    }

    public static byte[] nativeScramble(String password, byte[] nonce) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        byte[] h1 = UserAccount.digest("SHA-1", password.getBytes(StandardCharsets.UTF_8));
        byte[] h2 = UserAccount.digest("SHA-1", h1);
        return xor(h1, UserAccount.digest("SHA-1", nonce, h2));
    }

    public static boolean verifyNative(byte[] response, byte[] nonce, byte[] storedDigest) {
        if (response.length != 20 || storedDigest.length != 20) {
            return false;
        }
        byte[] h1 = xor(response, UserAccount.digest("SHA-1", nonce, storedDigest));
        return MessageDigest.isEqual(UserAccount.digest("SHA-1", h1), storedDigest);
    }

    public static byte[] sha2Scramble(String password, byte[] nonce) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        byte[] h1 = UserAccount.digest("SHA-256", password.getBytes(StandardCharsets.UTF_8));
        byte[] h2 = UserAccount.digest("SHA-256", h1);
        return xor(h1, UserAccount.digest("SHA-256", h2, nonce));
    }

    public static boolean verifySha2(byte[] response, byte[] nonce, byte[] storedDigest) {
        if (response.length != 32 || storedDigest.length != 32) {
            return false;
        }
        byte[] h1 = xor(response, UserAccount.digest("SHA-256", storedDigest, nonce));
        return MessageDigest.isEqual(UserAccount.digest("SHA-256", h1), storedDigest);
    }

    /** Checks a cleartext password (from RSA or TLS full authentication) against the SHA2 digest. */
    public static boolean verifySha2Cleartext(byte[] password, byte[] storedDigest) {
        byte[] h2 = UserAccount.digest("SHA-256", UserAccount.digest("SHA-256", password));
        return MessageDigest.isEqual(h2, storedDigest);
    }

    /** XOR of {@code a} with {@code b} repeated as needed (the RSA exchange XORs with the nonce cyclically). */
    public static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i % b.length]);
        }
        return out;
    }

    /** True for the empty response a client sends for an empty password (zero bytes or a lone NUL). */
    public static boolean isEmptyResponse(byte[] response) {
        return response.length == 0 || response.length == 1 && response[0] == 0;
    }
}
