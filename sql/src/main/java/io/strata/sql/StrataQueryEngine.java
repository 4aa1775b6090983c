package io.strata.sql;

import io.strata.optimizer.plan.QueryPlanner;
import io.strata.sql.catalog.CatalogStore;
import io.strata.sql.catalog.IdAllocator;
import io.strata.sql.session.EngineServices;
import io.strata.sql.session.SessionRegistry;
import io.strata.sql.session.StrataSession;
import io.strata.sql.session.SystemVariables;
import io.strata.spi.kv.TxnKv;
import io.strata.spi.session.ClientConnection;
import io.strata.spi.session.QueryEngine;
import io.strata.spi.session.SessionInfo;
import io.strata.spi.session.SqlSession;
import io.strata.spi.session.UserAccount;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The SQL tier behind the MySQL protocol: accounts, sessions, and the engine-wide parts they share
 * (catalog store, id allocator, system variables). Construction bootstraps a fresh store (schema
 * version and the {@code test} database). Closing the engine closes its sessions; the key-value
 * store and the planner belong to the caller.
 */
public final class StrataQueryEngine implements QueryEngine, AutoCloseable {
    private final EngineServices services;
    private final List<UserAccount> accounts;

    public StrataQueryEngine(TxnKv kv, QueryPlanner planner, EngineConfig config) {
        requireNonNull(kv, "kv is null");
        requireNonNull(planner, "planner is null");
        requireNonNull(config, "config is null");
        CatalogStore catalog = new CatalogStore(kv);
        catalog.bootstrap();
        planner.useStatistics(catalog.stats());
        this.services = new EngineServices(kv, planner, catalog, new IdAllocator(kv, config.idBatchSize()),
                new SystemVariables(config.serverVersion(), config.lockWaitTimeout().toSeconds(),
                        config.secureFilePriv() == null ? null : config.secureFilePriv() + java.io.File.separator), config,
                new SessionRegistry());
        this.accounts = List.of(UserAccount.withPassword("root", "%", config.rootPassword()));
    }

    @Override
    public Optional<UserAccount> findAccount(String user, String host) {
        for (UserAccount a : accounts) {
            if (a.user().equals(user) && hostMatches(a.host(), host)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private static boolean hostMatches(String pattern, String host) {
        return pattern.equals("%") || pattern.equalsIgnoreCase(host);
    }

    @Override
    public SqlSession openSession(SessionInfo info, ClientConnection connection) {
        StrataSession s = new StrataSession(info, connection, services);
        services.sessions().register(s);
        return s;
    }

    @Override
    public String serverVersion() {
        return services.config().serverVersion();
    }

    /** Engine-wide parts, for tests and tools in this module. */
    public EngineServices services() {
        return services;
    }

    @Override
    public void close() {
        for (StrataSession s : services.sessions().all()) {
            s.terminate();
        }
        services.catalog().close();
    }
}
