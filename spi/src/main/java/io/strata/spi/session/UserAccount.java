package io.strata.spi.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import static java.util.Objects.requireNonNull;

/**
 * A user's stored credentials. Only password digests are kept, as MySQL keeps them:
 * {@code SHA1(SHA1(pw))} for mysql_native_password and {@code SHA256(SHA256(pw))} for the
 * caching_sha2_password fast path; an empty password has empty digests.
 */
public record UserAccount(String user, String host, byte[] nativeDigest, byte[] sha2Digest) {
    public UserAccount {
        requireNonNull(user, "user is null");
        requireNonNull(host, "host is null");
        nativeDigest = nativeDigest.clone();
        sha2Digest = sha2Digest.clone();
    }

    public static UserAccount withPassword(String user, String host, String password) {
        if (password == null || password.isEmpty()) {
            return new UserAccount(user, host, new byte[0], new byte[0]);
        }
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        return new UserAccount(user, host, digest("SHA-1", digest("SHA-1", pw)), digest("SHA-256", digest("SHA-256", pw)));
    }

    public boolean hasPassword() {
        return nativeDigest.length > 0;
    }

    @Override
    public byte[] nativeDigest() {
        return nativeDigest.clone();
    }

    @Override
    public byte[] sha2Digest() {
        return sha2Digest.clone();
    }

    public static byte[] digest(String algorithm, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
