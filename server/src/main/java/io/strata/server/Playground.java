package io.strata.server;

import io.strata.coordinator.tso.LocalTimestampOracle;
import io.strata.frontend.MySqlServer;
import io.strata.frontend.ServerConfig;
import io.strata.optimizer.calcite.CalciteQueryPlanner;
import io.strata.optimizer.calcite.PlannerConfig;
import io.strata.rowstore.store.LocalStore;
import io.strata.rowstore.store.StoreOptions;
import io.strata.sql.EngineConfig;
import io.strata.sql.StrataQueryEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * Every role of a Strata cluster in one JVM: the PD's timestamp oracle, one store hosting the
 * single region on RocksDB, the SQL layer and the MySQL frontend. Data lives under one folder
 * ({@code pd/} and {@code store/}), so stopping and starting again finds everything committed.
 * Used by {@code strata playground} and by the end-to-end tests.
 */
public final class Playground implements AutoCloseable {
    public static final String VERSION = "0.1.0";
    private static final Logger LOG = LoggerFactory.getLogger(Playground.class);

    private final Deque<AutoCloseable> resources;
    private final int port;

    private Playground(Deque<AutoCloseable> resources, int port) {
        this.resources = resources;
        this.port = port;
    }

    /**
     * @param secureFilePriv the folder server-side LOAD DATA INFILE may read, or null (not at all)
     */
    public record Options(String host, int port, Path dataDir, String rootPassword, Path secureFilePriv) {
        public Options {
            requireNonNull(host, "host is null");
            requireNonNull(dataDir, "dataDir is null");
            requireNonNull(rootPassword, "rootPassword is null");
        }

        public Options(String host, int port, Path dataDir, String rootPassword) {
            this(host, port, dataDir, rootPassword, null);
        }
    }

    public static Playground start(Options options) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            Path pdDir = Files.createDirectories(options.dataDir().resolve("pd"));
            Path storeDir = Files.createDirectories(options.dataDir().resolve("store"));
            LocalTimestampOracle tso = LocalTimestampOracle.open(pdDir);
            opened.push(tso);
            LocalStore store = LocalStore.open(storeDir, tso, StoreOptions.defaults());
            opened.push(store);
            opened.push(scheduleGc(store));
            CalciteQueryPlanner planner = new CalciteQueryPlanner(PlannerConfig.defaults());
            StrataQueryEngine engine = new StrataQueryEngine(store.txnKv(), planner,
                    EngineConfig.defaults().withRootPassword(options.rootPassword())
                            .withServerVersion(EngineConfig.DEFAULT_SERVER_VERSION + "-" + VERSION)
                            .withSecureFilePriv(options.secureFilePriv()));
            opened.push(engine);
            MySqlServer server = new MySqlServer(engine, ServerConfig.defaults().withHost(options.host()).withPort(options.port()));
            int port = server.start();
            opened.push(server);
            return new Playground(opened, port);
        } catch (IOException e) {
            closeAll(opened);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            closeAll(opened);
            throw e;
        }
    }

    /** MVCC versions older than every open transaction are removed every {@value #GC_INTERVAL_MINUTES} minutes. */
    static final long GC_INTERVAL_MINUTES = 10;

    private static AutoCloseable scheduleGc(LocalStore store) {
        ScheduledExecutorService gc = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "strata-mvcc-gc");
            t.setDaemon(true);
            return t;
        });
        gc.scheduleWithFixedDelay(() -> {
            try {
                long deleted = store.gc();
                if (deleted > 0) {
                    LOG.info("MVCC GC removed {} old versions", deleted);
                }
            } catch (RuntimeException e) {
                LOG.warn("MVCC GC pass failed; retrying at the next interval", e);
            }
        }, GC_INTERVAL_MINUTES, GC_INTERVAL_MINUTES, TimeUnit.MINUTES);
        return gc::shutdownNow;
    }

    /** The MySQL port actually bound (useful with port 0). */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        synchronized (resources) {
            while (!resources.isEmpty()) {
                AutoCloseable r = resources.pop();
                try {
                    r.close();
                } catch (Exception e) {
                    System.err.println("strata: error while closing " + r + ": " + e);
                }
            }
        }
    }
}
