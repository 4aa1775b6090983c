package io.strata.frontend.auth;

import java.security.SecureRandom;

import static java.util.Objects.requireNonNull;

/**
 * The 20-byte per-connection challenge ("auth plugin data"). Like MySQL's, its bytes avoid NUL,
 * which would end the string in old clients, and '$'.
 */
public final class NonceGenerator {
    public static final int NONCE_LENGTH = 20;

    private final SecureRandom random;

    public NonceGenerator(SecureRandom random) {
        this.random = requireNonNull(random, "random is null");
    }

    public byte[] next() {
        byte[] nonce = new byte[NONCE_LENGTH];
        for (int i = 0; i < nonce.length; i++) {
            int b;
            do {
                b = 1 + random.nextInt(127);
            } while (b == '$');
            nonce[i] = (byte) b;
        }
        return nonce;
    }
}
