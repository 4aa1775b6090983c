package io.strata.bench.tpch;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.strata.bench.jdbc.DuckDbAppenderSink;
import io.strata.bench.jdbc.Endpoint;
import io.strata.bench.jdbc.LoadDataSink;
import io.strata.bench.jdbc.Progress;
import io.strata.bench.jdbc.Rows;
import io.strata.bench.jdbc.TableSink;
import io.strata.bench.report.Charts;
import io.strata.bench.report.DocSections;
import io.strata.bench.report.Machine;
import io.strata.bench.report.ResultFiles;
import io.strata.bench.report.ResultTable;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * TPC-H side by side: generates the data once per engine at the chosen scale factor, loads it into
 * the engine under test and into the peer, runs the chosen queries on both (alternating, query by
 * query, so both see the same machine state), checks that the engine under test returned the
 * peer's answer, and writes the results. A query the engine under test cannot run is reported with
 * its error text; it is never dropped from the table.
 */
public final class TpchRunner {

    public record Config(double scaleFactor, Endpoint target, Endpoint peer, String database, List<Integer> queries,
                         int runs, int batchRows, int queryTimeoutSeconds, boolean skipLoad, Path resultsDir,
                         Optional<Path> docFile, String docSection, String command) {
        public Config {
            requireNonNull(target, "target is null");
            requireNonNull(peer, "peer is null");
            requireNonNull(database, "database is null");
            queries = List.copyOf(queries);
            requireNonNull(resultsDir, "resultsDir is null");
            requireNonNull(docFile, "docFile is null");
            requireNonNull(docSection, "docSection is null");
            requireNonNull(command, "command is null");
            if (!(scaleFactor > 0)) {
                throw new IllegalArgumentException("scale factor must be positive, got " + scaleFactor);
            }
            if (runs < 1) {
                throw new IllegalArgumentException("runs must be at least 1");
            }
        }
    }

    /**
     * Below this scale factor dbgen's partsupp formula repeats (ps_partkey, ps_suppkey) pairs (at
     * SF 0.001, part 31 gets supplier 2 twice), which the primary key rightly rejects; the loader
     * then keeps the first row of each pair, for both engines alike. From SF 0.01 up the keys are
     * unique and the data is exactly dbgen's.
     */
    public static final double DBGEN_UNIQUE_KEYS_SF = 0.01;

    /** After this many consecutive connection-level failures the engine under test is considered gone. */
    private static final int MAX_CONSECUTIVE_CONNECTION_FAILURES = 2;

    public enum Status { PASS, MISMATCH, ERROR, PEER_ERROR }

    /**
     * One query on both engines. Times are the median of the runs, in milliseconds; null when it
     * failed. {@code targetRows} is what the engine under test returned (kept in memory for
     * checking, not written to the result files).
     */
    public record QueryResult(int query, Status status, Double targetMillis, Double peerMillis, int rows, String detail,
                              @JsonIgnore List<List<Object>> targetRows) {
        public QueryResult(int query, Status status, Double targetMillis, Double peerMillis, int rows, String detail) {
            this(query, status, targetMillis, peerMillis, rows, detail, List.of());
        }
    }

    public record LoadResult(String engine, String table, long rows, double seconds) {
    }

    public record Result(Config config, List<LoadResult> loads, List<QueryResult> queries, ResultFiles files) {
        public double loadSeconds(String engine) {
            return loads.stream().filter(l -> l.engine().equals(engine)).mapToDouble(LoadResult::seconds).sum();
        }

        public long passed() {
            return queries.stream().filter(q -> q.status() == Status.PASS).count();
        }
    }

    private final Config config;
    private final PrintStream out;

    public TpchRunner(Config config, PrintStream out) {
        this.config = requireNonNull(config, "config is null");
        this.out = requireNonNull(out, "out is null");
    }

    public Result run() throws SQLException, IOException {
        Instant started = Instant.now();
        List<LoadResult> loads = new ArrayList<>();
        List<QueryResult> results = new ArrayList<>();
        // The peer is the reference: if it cannot be set up the run is void and this throws. The
        // engine under test failing to connect or to load is a result, reported for every query.
        try (Connection peer = config.peer().connect()) {
            config.peer().useDatabase(peer, config.database());
            Connection target = null;
            String targetFailure = null;
            try {
                target = config.target().connect();
                config.target().useDatabase(target, config.database());
                // --skip-load reuses the target's tables (a slow load need not be repeated); the peer is
                // always loaded, so an in-memory DuckDB is never queried empty.
                if (!config.skipLoad()) {
                    out.printf("TPC-H SF %s: loading %s%n", config.scaleFactor(), config.target().name());
                    loads.addAll(load(config.target(), target));
                }
            } catch (SQLException | RuntimeException e) {
                targetFailure = "setup failed on " + config.target().name() + ": " + describe(e);
                out.println("  " + targetFailure);
            }
            out.printf("TPC-H SF %s: loading %s%n", config.scaleFactor(), config.peer().name());
            loads.addAll(load(config.peer(), peer));
            int connectionFailures = 0;
            try {
                for (int q : config.queries()) {
                    if (targetFailure != null) {
                        results.add(new QueryResult(q, Status.ERROR, null, null, 0, targetFailure));
                        continue;
                    }
                    QueryResult r = runQuery(q, target, peer);
                    results.add(r);
                    if (r.status() != Status.ERROR || !target.isClosed()) {
                        connectionFailures = 0;
                        continue;
                    }
                    // The query lost the connection (server crash, or no reply within the socket
                    // timeout while it keeps working). Reconnect for the next query, unless that
                    // keeps happening: then the server is not answering and the rest is not run.
                    if (++connectionFailures >= MAX_CONSECUTIVE_CONNECTION_FAILURES) {
                        targetFailure = "not run: " + config.target().name() + " lost " + connectionFailures
                                + " connections in a row (last at Q" + q + ")";
                        continue;
                    }
                    try {
                        target.close();
                        target = config.target().connect();
                        config.target().useDatabase(target, config.database());
                    } catch (SQLException | RuntimeException e) {
                        targetFailure = "not run: reconnecting to " + config.target().name() + " failed: " + describe(e);
                    }
                }
            } finally {
                if (target != null) {
                    target.close();
                }
            }
        }
        ResultFiles files = new ResultFiles(config.resultsDir(), "tpch-sf" + config.scaleFactor(), started);
        Result result = new Result(config, loads, results, files);
        write(result, started);
        return result;
    }

    private List<LoadResult> load(Endpoint endpoint, Connection c) throws SQLException {
        List<LoadResult> loads = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            for (TpchTable<?> t : TpchSchema.TABLES) {
                st.execute("DROP TABLE IF EXISTS " + t.getTableName());
                st.execute(TpchSchema.createTable(t));
            }
        }
        for (TpchTable<?> t : TpchSchema.TABLES) {
            loads.add(loadTable(endpoint, c, t));
        }
        return loads;
    }

    private <E extends TpchEntity> LoadResult loadTable(Endpoint endpoint, Connection c, TpchTable<E> table) throws SQLException {
        Progress progress = new Progress(out, endpoint.name() + " " + table.getTableName(),
                TpchSchema.expectedRows(table, config.scaleFactor()));
        try (TableSink sink = endpoint.isDuckDb()
                ? new DuckDbAppenderSink(c, config.database(), table.getTableName())
                : new LoadDataSink(c, table.getTableName(), TpchSchema.columnNames(table), config.batchRows())) {
            java.util.Set<List<Object>> seenKeys = table == TpchTable.PART_SUPPLIER
                    && config.scaleFactor() < DBGEN_UNIQUE_KEYS_SF ? new java.util.HashSet<>() : null;
            long skipped = 0;
            for (E entity : table.createGenerator(config.scaleFactor(), 1, 1)) {
                Object[] row = TpchSchema.values(table, entity);
                if (seenKeys != null && !seenKeys.add(List.of(row[0], row[1]))) {
                    skipped++;
                    continue;
                }
                sink.add(row);
                progress.add(1);
            }
            if (skipped > 0) {
                out.printf("  %s: skipped %d partsupp rows repeating a key (dbgen below SF %s)%n", endpoint.name(), skipped,
                        DBGEN_UNIQUE_KEYS_SF);
            }
        }
        if (!endpoint.isDuckDb()) {
            // row counts for the cost model, as a DBA runs after a bulk load (DuckDB keeps its own)
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("ANALYZE TABLE " + table.getTableName());
            }
        }
        progress.done();
        return new LoadResult(endpoint.name(), table.getTableName(), progress.rows(), progress.seconds());
    }

    private QueryResult runQuery(int q, Connection target, Connection peer) {
        String sql = TpchQueries.query(q);
        double[] targetTimes = new double[config.runs()];
        double[] peerTimes = new double[config.runs()];
        List<List<Object>> targetRows = null;
        List<List<Object>> peerRows = null;
        String targetError = null;
        String peerError = null;
        for (int r = 0; r < config.runs(); r++) {
            if (targetError == null) {
                try {
                    long t0 = System.nanoTime();
                    targetRows = execute(target, sql);
                    targetTimes[r] = (System.nanoTime() - t0) / 1e6;
                } catch (SQLException | RuntimeException e) {
                    targetError = e instanceof java.sql.SQLTimeoutException
                            ? "timed out after " + config.queryTimeoutSeconds() + " s (cancelled with KILL QUERY)" : describe(e);
                }
            }
            if (peerError == null) {
                try {
                    long t0 = System.nanoTime();
                    peerRows = execute(peer, sql);
                    peerTimes[r] = (System.nanoTime() - t0) / 1e6;
                } catch (SQLException | RuntimeException e) {
                    peerError = e instanceof java.sql.SQLTimeoutException
                            ? "timed out after " + config.queryTimeoutSeconds() + " s" : describe(e);
                }
            }
        }
        Double tMs = targetError == null ? median(targetTimes) : null;
        Double pMs = peerError == null ? median(peerTimes) : null;
        QueryResult result;
        if (targetError != null) {
            result = new QueryResult(q, Status.ERROR, null, pMs, 0, targetError);
        } else if (peerError != null) {
            result = new QueryResult(q, Status.PEER_ERROR, tMs, null, targetRows.size(), peerError);
        } else {
            Optional<String> diff = Rows.compare(targetRows, peerRows, TpchQueries.ordered(q));
            result = diff.isPresent()
                    ? new QueryResult(q, Status.MISMATCH, tMs, pMs, targetRows.size(), diff.get(), targetRows)
                    : new QueryResult(q, Status.PASS, tMs, pMs, peerRows.size(), "", targetRows);
        }
        out.printf("  Q%-2d %-10s %s=%s ms %s=%s ms %s%n", q, result.status(), config.target().name(), fmt(tMs),
                config.peer().name(), fmt(pMs), result.detail().isEmpty() ? "" : "- " + abbreviate(result.detail(), 200));
        out.flush();
        return result;
    }

    private List<List<Object>> execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(config.queryTimeoutSeconds());
            try (ResultSet rs = st.executeQuery(sql)) {
                return Rows.read(rs);
            }
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SQLException s && s.getErrorCode() != 0) {
            m = "ERROR " + s.getErrorCode() + " (" + s.getSQLState() + "): " + m;
        }
        return m.replace('\n', ' ');
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static String fmt(Double ms) {
        return ms == null ? "-" : String.format("%.1f", ms);
    }

    private static String abbreviate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    public static ResultTable queryTable(Result r) {
        String t = r.config().target().name();
        String p = r.config().peer().name();
        List<List<String>> rows = new ArrayList<>();
        for (QueryResult q : r.queries()) {
            rows.add(List.of("Q" + q.query(), fmt(q.targetMillis()), fmt(q.peerMillis()),
                    ResultFiles.ratio(q.targetMillis(), q.peerMillis()), q.status().name(), abbreviate(q.detail(), 160)));
        }
        return new ResultTable(List.of("query", t + " ms", p + " ms", t + "/" + p, "result", "detail"), rows);
    }

    public static ResultTable loadTable(Result r) {
        String t = r.config().target().name();
        String p = r.config().peer().name();
        List<List<String>> rows = new ArrayList<>();
        for (TpchTable<?> table : TpchSchema.TABLES) {
            LoadResult lt = find(r.loads(), t, table.getTableName());
            LoadResult lp = find(r.loads(), p, table.getTableName());
            if (lt == null && lp == null) {
                continue;
            }
            rows.add(List.of(table.getTableName(), lt == null ? "-" : String.format("%,d", lt.rows()),
                    lt == null ? "-" : String.format("%.2f", lt.seconds()), lp == null ? "-" : String.format("%.2f", lp.seconds()),
                    ResultFiles.ratio(lt == null ? null : lt.seconds(), lp == null ? null : lp.seconds())));
        }
        if (!rows.isEmpty()) {
            rows.add(List.of("total", "", String.format("%.2f", r.loadSeconds(t)), String.format("%.2f", r.loadSeconds(p)),
                    ResultFiles.ratio(r.loadSeconds(t), r.loadSeconds(p))));
        }
        return new ResultTable(List.of("table", "rows", t + " s", p + " s", t + "/" + p), rows);
    }

    private static LoadResult find(List<LoadResult> loads, String engine, String table) {
        return loads.stream().filter(l -> l.engine().equals(engine) && l.table().equals(table)).findFirst().orElse(null);
    }

    private void write(Result r, Instant started) throws IOException {
        ResultFiles f = r.files();
        ResultTable queries = queryTable(r);
        ResultTable loads = loadTable(r);
        f.writeCsv(queries);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", "tpch");
        doc.put("startedAt", started.toString());
        doc.put("command", config.command());
        doc.put("scaleFactor", config.scaleFactor());
        doc.put("target", config.target().name());
        doc.put("peer", config.peer().name());
        doc.put("runsPerQuery", config.runs());
        doc.put("machine", Machine.current().toMap());
        doc.put("loads", r.loads());
        doc.put("queries", r.queries());
        f.writeJson(doc);
        List<String> categories = new ArrayList<>();
        List<Double> ts = new ArrayList<>();
        List<Double> ps = new ArrayList<>();
        for (QueryResult q : r.queries()) {
            categories.add("Q" + q.query());
            ts.add(q.status() == Status.PASS ? q.targetMillis() : null);
            ps.add(q.peerMillis());
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put(config.target().name() + " (passing queries)", ts);
        series.put(config.peer().name(), ps);
        Charts.groupedBars(f.png(), "TPC-H SF " + config.scaleFactor() + " query time (median of " + config.runs() + ")",
                "ms (log)", categories, series, true);
        out.println();
        out.println(loads.toText());
        out.println(queries.toText());
        out.printf("%d of %d queries returned %s's answer. Results: %s, %s, %s%n", r.passed(), r.queries().size(),
                config.peer().name(), f.csv(), f.json(), f.png());
        if (config.docFile().isPresent()) {
            Path docFile = config.docFile().get();
            StringBuilder md = new StringBuilder();
            md.append("Run ").append(f.baseName()).append(" (UTC), scale factor ").append(config.scaleFactor())
                    .append(", median of ").append(config.runs()).append(" run(s) per query, on ")
                    .append(Machine.current().oneLine()).append(".\n\n");
            md.append("Command: `").append(config.command()).append("`\n\n");
            md.append(r.passed()).append(" of ").append(r.queries().size()).append(" queries returned ")
                    .append(config.peer().name()).append("'s answer.\n\n");
            if (!loads.rows().isEmpty()) {
                md.append("Load:\n\n").append(loads.toMarkdown()).append('\n');
            }
            md.append("Queries:\n\n").append(queries.toMarkdown()).append('\n');
            Path rel = docFile.toAbsolutePath().getParent().relativize(f.png().toAbsolutePath());
            md.append("![TPC-H SF ").append(config.scaleFactor()).append("](").append(rel.toString().replace('\\', '/')).append(")\n\n");
            md.append("Files: `").append(f.csv().getFileName()).append("`, `").append(f.json().getFileName()).append("`.\n");
            DocSections.update(docFile, config.docSection(), md.toString());
        }
    }
}
