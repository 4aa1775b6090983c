package io.strata.frontend.net;

import io.strata.frontend.ServerConfig;
import io.strata.frontend.auth.NonceGenerator;
import io.strata.frontend.auth.RsaKeys;
import io.strata.frontend.auth.Sha2PasswordCache;
import io.strata.spi.session.QueryEngine;

import java.util.concurrent.Executor;

import static java.util.Objects.requireNonNull;

/** What every connection of one server shares. Built by the server at start; nothing static. */
public record ServerContext(QueryEngine engine, ServerConfig config, Executor workers, ConnectionRegistry registry,
                            NonceGenerator nonces, RsaKeys rsaKeys, Sha2PasswordCache sha2Cache, ServerStats stats) {
    public ServerContext {
        requireNonNull(engine, "engine is null");
        requireNonNull(config, "config is null");
        requireNonNull(workers, "workers is null");
        requireNonNull(registry, "registry is null");
        requireNonNull(nonces, "nonces is null");
        requireNonNull(rsaKeys, "rsaKeys is null");
        requireNonNull(sha2Cache, "sha2Cache is null");
        requireNonNull(stats, "stats is null");
    }
}
