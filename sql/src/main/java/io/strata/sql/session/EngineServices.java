package io.strata.sql.session;

import io.strata.optimizer.plan.QueryPlanner;
import io.strata.sql.EngineConfig;
import io.strata.sql.catalog.CatalogStore;
import io.strata.sql.catalog.IdAllocator;
import io.strata.spi.kv.TxnKv;

import static java.util.Objects.requireNonNull;

/** The engine-wide parts every session uses; one instance per engine, shared by its sessions. */
public record EngineServices(TxnKv kv, QueryPlanner planner, CatalogStore catalog, IdAllocator ids,
                             SystemVariables variables, EngineConfig config, SessionRegistry sessions) {
    public EngineServices {
        requireNonNull(kv, "kv is null");
        requireNonNull(planner, "planner is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(ids, "ids is null");
        requireNonNull(variables, "variables is null");
        requireNonNull(config, "config is null");
        requireNonNull(sessions, "sessions is null");
    }
}
