package io.strata.frontend;

import io.strata.frontend.auth.RsaKeys;

import java.security.KeyPair;

/** One RSA key pair for all tests in a JVM: generating 2048-bit keys per server start is slow. */
final class TestKeys {
    static final KeyPair KEY_PAIR = RsaKeys.generate(2048);

    private TestKeys() {
    }

    static io.strata.frontend.ServerConfig config() {
        return io.strata.frontend.ServerConfig.defaults().withPort(0).withThreads(1, 4).withRsaKeyPair(KEY_PAIR);
    }
}
