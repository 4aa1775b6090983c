package io.strata.sql;

import io.strata.coordinator.tso.LocalTimestampOracle;
import io.strata.optimizer.plan.QueryPlanner;
import io.strata.rowstore.store.LocalStore;
import io.strata.rowstore.store.StoreOptions;
import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;
import io.strata.spi.session.QueryResult;
import io.strata.spi.session.SessionInfo;
import io.strata.spi.session.SqlSession;
import io.strata.spi.session.StatementResult;
import io.strata.spi.session.UpdateResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A real engine on the real row store (in memory, or RocksDB in a directory) with the real
 * Calcite planner; sessions are driven directly through {@link SqlSession}.
 */
final class SqlHarness implements AutoCloseable {
    private final LocalStore store;
    final StrataQueryEngine engine;
    /** The planner the engine uses (tests check which statements reach it). */
    final QueryPlanner planner;
    private final AtomicLong connectionIds = new AtomicLong();
    private final List<SqlSession> sessions = new ArrayList<>();

    private SqlHarness(LocalStore store, QueryPlanner planner) {
        this(store, planner, store.txnKv());
    }

    private SqlHarness(LocalStore store, QueryPlanner planner, io.strata.spi.kv.TxnKv kv) {
        this(store, planner, kv, java.util.function.UnaryOperator.identity());
    }

    private SqlHarness(LocalStore store, QueryPlanner planner, io.strata.spi.kv.TxnKv kv,
                       java.util.function.UnaryOperator<EngineConfig> config) {
        this.store = store;
        this.planner = planner;
        this.engine = new StrataQueryEngine(kv, planner, config.apply(EngineConfig.defaults().withIdBatchSize(10)
                .withLockWaitTimeout(java.time.Duration.ofMillis(200))));
    }

    /** In memory, with engine settings changed from the harness's defaults. */
    static SqlHarness inMemory(Path tsoDir, java.util.function.UnaryOperator<EngineConfig> config) {
        LocalStore store = LocalStore.inMemory(LocalTimestampOracle.open(tsoDir));
        return new SqlHarness(store, planner(), store.txnKv(), config);
    }

    static SqlHarness inMemory(Path tsoDir) {
        return new SqlHarness(LocalStore.inMemory(LocalTimestampOracle.open(tsoDir)), planner());
    }

    /** An in-memory store seen through a wrapper (fault injection). */
    static SqlHarness wrapped(Path tsoDir, java.util.function.UnaryOperator<io.strata.spi.kv.TxnKv> wrap) {
        LocalStore store = LocalStore.inMemory(LocalTimestampOracle.open(tsoDir));
        return new SqlHarness(store, planner(), wrap.apply(store.txnKv()));
    }

    static SqlHarness onDisk(Path dir) {
        LocalTimestampOracle tso = LocalTimestampOracle.open(dir.resolve("tso"));
        return new SqlHarness(LocalStore.open(dir.resolve("store"), tso, StoreOptions.defaults()), planner());
    }

    /** The real Calcite planner of the optimizer module. */
    private static QueryPlanner planner() {
        return new io.strata.optimizer.calcite.CalciteQueryPlanner(io.strata.optimizer.calcite.PlannerConfig.defaults());
    }

    Session session() {
        return session(false);
    }

    Session session(boolean foundRows) {
        return session("root", true, foundRows);
    }

    /** A session of {@code user} (accounts are not checked here: the protocol layer authenticates). */
    Session session(String user, boolean multiStatements, boolean foundRows) {
        Client client = new Client();
        SqlSession s = engine.openSession(new SessionInfo(connectionIds.incrementAndGet(), user, "127.0.0.1:5000",
                "test", multiStatements, foundRows), client);
        sessions.add(s);
        return new Session(s, client);
    }

    @Override
    public void close() {
        for (SqlSession s : sessions) {
            s.close();
        }
        engine.close();
        store.txnKv().close();
    }

    /**
     * The protocol side of a session as the engine sees it: records disconnects and serves the
     * files a test put here to LOAD DATA LOCAL (with no file set, the client refuses local files).
     */
    static final class Client implements io.strata.spi.session.ClientConnection {
        final java.util.concurrent.atomic.AtomicBoolean disconnected = new java.util.concurrent.atomic.AtomicBoolean();
        final java.util.Map<String, byte[]> files = new java.util.concurrent.ConcurrentHashMap<>();
        final List<String> requested = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** Streams handed out and closed again (a LOAD must close what it opened). */
        final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void disconnect() {
            disconnected.set(true);
        }

        @Override
        public java.io.InputStream requestLocalFile(String fileName) {
            requested.add(fileName);
            byte[] content = files.get(fileName);
            if (content == null) {
                throw ErrorCode.CLIENT_LOCAL_FILES_DISABLED.error();
            }
            open.incrementAndGet();
            return new java.io.ByteArrayInputStream(content) {
                private boolean closed;

                @Override
                public void close() {
                    if (!closed) {
                        closed = true;
                        open.decrementAndGet();
                    }
                }
            };
        }
    }

    /** A session with helpers that materialize results. */
    static final class Session {
        final SqlSession s;
        /** Set when the engine asked to close this session's client connection (KILL CONNECTION). */
        final java.util.concurrent.atomic.AtomicBoolean disconnected;
        /** The client's side of LOAD DATA LOCAL. */
        final Client client;

        Session(SqlSession s, Client client) {
            this.s = s;
            this.client = client;
            this.disconnected = client.disconnected;
        }

        StatementResult exec(String sql) {
            List<StatementResult> out = new ArrayList<>();
            s.execute(sql, (r, more) -> {
                if (r instanceof QueryResult q) {
                    List<Object[]> rows = drain(q);
                    out.add(QueryResult.of(q.columns(), rows));
                } else {
                    out.add(r);
                }
            });
            return out.get(out.size() - 1);
        }

        UpdateResult update(String sql) {
            return (UpdateResult) exec(sql);
        }

        QueryResult result(String sql) {
            return (QueryResult) exec(sql);
        }

        /** Rows as lists of values. */
        List<List<Object>> rows(String sql) {
            List<List<Object>> rows = new ArrayList<>();
            Iterator<Object[]> it = result(sql).rows();
            while (it.hasNext()) {
                rows.add(Arrays.asList(it.next()));
            }
            return rows;
        }

        /** The single value of a one-row, one-column result. */
        Object value(String sql) {
            List<List<Object>> rows = rows(sql);
            assertEquals(1, rows.size(), "rows of " + sql);
            return rows.get(0).get(0);
        }

        StrataException error(ErrorCode code, String sql) {
            StrataException e = assertThrows(StrataException.class, () -> exec(sql), sql);
            assertEquals(code.mysqlCode(), e.code().mysqlCode(), e.getMessage());
            return e;
        }
    }

    static List<Object[]> drain(QueryResult q) {
        List<Object[]> rows = new ArrayList<>();
        try (q) {
            Iterator<Object[]> it = q.rows();
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows;
    }
}
