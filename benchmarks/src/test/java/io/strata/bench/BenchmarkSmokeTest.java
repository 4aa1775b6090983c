package io.strata.bench;

import io.strata.bench.jdbc.Endpoint;
import io.strata.bench.jdbc.Rows;
import io.strata.bench.tpcc.TpccDriver;
import io.strata.bench.tpcc.TpccRunner;
import io.strata.bench.tpcc.TpccScale;
import io.strata.bench.tpch.TpchQueries;
import io.strata.bench.tpch.TpchRunner;
import io.strata.server.Playground;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark harness at smoke size, in the default test run so that the drivers and reports
 * cannot rot: TPC-H at SF 0.001 (see
 * TpchRunner.DBGEN_UNIQUE_KEYS_SF) against an in-process playground with DuckDB as the peer, TPC-C
 * with one reduced warehouse for a few seconds. What is asserted is the harness (result files,
 * the generated doc section, every query accounted for, passing queries really equal to DuckDB),
 * not Strata's speed or completeness: a query Strata cannot run yet is a reported ERROR here, as
 * in the real runs. The timeout is a guard against a hung server, not a performance assertion.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class BenchmarkSmokeTest {
    private static final List<Integer> ALL_QUERIES = IntStream.rangeClosed(1, 22).boxed().toList();
    /**
     * Against Strata a cross-section keeps the test short whatever the engine's speed: aggregation
     * (1, 6), joins (3, 14), EXISTS (4), outer join (13), correlated sub-query (17), NOT EXISTS and
     * SUBSTRING (22). All 22 run in the DuckDB self-check below and in bench/tpch.sh.
     */
    private static final List<Integer> SMOKE_QUERIES = List.of(1, 3, 4, 6, 13, 14, 17, 22);

    @TempDir
    Path tmp;

    @Test
    void tpchAndTpccAgainstPlayground() throws Exception {
        Path doc = tmp.resolve("benchmarks.md");
        Files.writeString(doc, "# Benchmarks\n\nWritten by hand.\n");
        try (Playground playground = Playground.start(new Playground.Options("127.0.0.1", 0, tmp.resolve("strata"), ""))) {
            Endpoint strata = Endpoint.mysql("strata", "127.0.0.1", playground.port(), "root", "", 30);
            Endpoint duck = Endpoint.duckdb("duckdb", tmp.resolve("peer.duckdb").toString());
            TpchRunner.Result tpch = new TpchRunner(new TpchRunner.Config(0.001, strata, duck, "tpch", SMOKE_QUERIES, 1, 200, 5,
                    false, tmp.resolve("results"), Optional.of(doc), "tpch", "smoke"), System.out).run();

            assertResultFiles(tpch.files().csv(), tpch.files().json(), tpch.files().png());
            assertEquals(SMOKE_QUERIES, tpch.queries().stream().map(TpchRunner.QueryResult::query).toList());
            String docText = Files.readString(doc);
            assertTrue(docText.startsWith("# Benchmarks\n\nWritten by hand.\n"), "hand-written part kept");
            assertTrue(docText.contains("<!-- BEGIN tpch") && docText.contains("<!-- END tpch -->"), docText);
            // Whatever the harness calls a pass must be DuckDB's answer: Strata's rows as the run
            // received them, against DuckDB's answer computed again here on a fresh connection.
            try (Connection d = duck.connect()) {
                duck.useDatabase(d, "tpch");
                for (TpchRunner.QueryResult q : tpch.queries()) {
                    if (q.status() == TpchRunner.Status.PASS) {
                        List<List<Object>> theirs = query(d, TpchQueries.query(q.query()));
                        assertEquals(theirs.size(), q.targetRows().size(), "Q" + q.query() + " row count");
                        assertEquals(Optional.empty(), Rows.compare(q.targetRows(), theirs, TpchQueries.ordered(q.query())),
                                "Q" + q.query());
                    } else {
                        assertTrue(!q.detail().isBlank(), "a non-passing query carries its reason: Q" + q.query());
                    }
                }
            }

            TpccRunner.Result tpcc = new TpccRunner(new TpccRunner.Config(List.of(strata), "tpcc", TpccScale.tiny(1), 2,
                    Duration.ofSeconds(3), Duration.ZERO, 3, 7, 200, false, tmp.resolve("results"), Optional.of(doc), "tpcc",
                    "smoke"), System.out).run();
            assertResultFiles(tpcc.files().csv(), tpcc.files().json(), tpcc.files().png());
            assertEquals(1, tpcc.engines().size());
            TpccDriver.RunResult run = tpcc.engines().get(0).run();
            long attempted = run.byType().values().stream().mapToLong(t -> t.completed() + t.rolledBack() + t.errors()).sum();
            assertTrue(attempted > 0 || !run.errorSamples().isEmpty(), "the driver ran transactions or reported why not");
            assertTrue(Files.readString(doc).contains("<!-- BEGIN tpcc"));
        }
    }

    /** DuckDB against itself: a correct engine must pass all 22 queries, so the comparison path is exercised for real. */
    @Test
    void tpchHarnessPassesAgainstAKnownGoodEngine() throws Exception {
        Endpoint a = Endpoint.duckdb("duck-a", tmp.resolve("a.duckdb").toString());
        Endpoint b = Endpoint.duckdb("duck-b", tmp.resolve("b.duckdb").toString());
        TpchRunner.Result r = new TpchRunner(new TpchRunner.Config(0.001, a, b, "tpch", ALL_QUERIES, 1, 200, 120, false,
                tmp.resolve("results"), Optional.empty(), "tpch", "self-check"), System.out).run();
        assertEquals(22, r.passed(), () -> TpchRunner.queryTable(r).toText());
        assertResultFiles(r.files().csv(), r.files().json(), r.files().png());
    }

    private static List<List<Object>> query(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return Rows.read(rs);
        }
    }

    private static void assertResultFiles(Path... files) throws Exception {
        for (Path f : files) {
            assertTrue(Files.exists(f) && Files.size(f) > 0, "missing result file " + f);
        }
    }
}
