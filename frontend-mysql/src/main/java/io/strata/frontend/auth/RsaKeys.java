package io.strata.frontend.auth;

import javax.crypto.Cipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import static java.util.Objects.requireNonNull;

/**
 * The server's RSA key pair for caching_sha2_password full authentication over plain TCP: the
 * client fetches the public key (PEM), encrypts {@code password + NUL} XOR nonce with it, and the
 * server decrypts. Clients pad with OAEP (MySQL 8.0.5 and later) or PKCS#1 v1.5 (older), so both
 * are accepted.
 */
public final class RsaKeys {
    private final KeyPair keyPair;
    private final byte[] publicKeyPem;

    public RsaKeys(KeyPair keyPair) {
        this.keyPair = requireNonNull(keyPair, "keyPair is null");
        if (!(keyPair.getPublic() instanceof RSAPublicKey)) {
            throw new IllegalArgumentException("not an RSA key pair");
        }
        String base64 = Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(keyPair.getPublic().getEncoded());
        this.publicKeyPem = ("-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    public static KeyPair generate(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key pair", e);
        }
    }

    public byte[] publicKeyPem() {
        return publicKeyPem.clone();
    }

    /** Size of one RSA block, the length of a valid encrypted password. */
    public int blockLength() {
        return (((RSAPublicKey) keyPair.getPublic()).getModulus().bitLength() + 7) / 8;
    }

    /** Decrypts with OAEP, falling back to PKCS#1 v1.5; null when neither padding fits. */
    public byte[] decrypt(byte[] encrypted) {
        for (String transformation : new String[]{"RSA/ECB/OAEPWithSHA-1AndMGF1Padding", "RSA/ECB/PKCS1Padding"}) {
            try {
                Cipher cipher = Cipher.getInstance(transformation);
                cipher.init(Cipher.DECRYPT_MODE, keyPair.getPrivate());
                return cipher.doFinal(encrypted);
            } catch (GeneralSecurityException e) {
                // try the next padding
            }
        }
        return null;
    }

    /** Client-side encryption, for tests acting as a client. */
    public static byte[] encrypt(java.security.PublicKey key, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            cipher.init(Cipher.ENCRYPT_MODE, key);
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
