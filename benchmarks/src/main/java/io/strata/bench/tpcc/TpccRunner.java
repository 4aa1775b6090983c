package io.strata.bench.tpcc;

import io.strata.bench.jdbc.Endpoint;
import io.strata.bench.report.Charts;
import io.strata.bench.report.DocSections;
import io.strata.bench.report.Machine;
import io.strata.bench.report.ResultFiles;
import io.strata.bench.report.ResultTable;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * TPC-C side by side: for each engine in turn (never both at once, so they do not compete for the
 * machine), create the schema, load it, run the mix for the same time with the same terminals and
 * the same random seed, then report tpmC, per-transaction p95 latency, errors and retries, with
 * the ratio between the first engine and the second.
 */
public final class TpccRunner {
    public record Config(List<Endpoint> endpoints, String database, TpccScale scale, int terminals, Duration duration,
                         Duration warmup, int maxRetries, long seed, int batchRows, boolean skipLoad, Path resultsDir,
                         Optional<Path> docFile, String docSection, String command) {
        public Config {
            endpoints = List.copyOf(endpoints);
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("no endpoint");
            }
            requireNonNull(database, "database is null");
            requireNonNull(scale, "scale is null");
            requireNonNull(duration, "duration is null");
            requireNonNull(warmup, "warmup is null");
            requireNonNull(resultsDir, "resultsDir is null");
            requireNonNull(docFile, "docFile is null");
            requireNonNull(docSection, "docSection is null");
            requireNonNull(command, "command is null");
        }
    }

    /** {@code consistency}: "ok", the violations of the TPC-C consistency conditions, or why they were not checked. */
    public record EngineResult(String engine, long loadedRows, double loadSeconds, TpccDriver.RunResult run, String consistency) {
    }

    public record Result(Config config, List<EngineResult> engines, ResultFiles files) {
    }

    private final Config config;
    private final PrintStream out;

    public TpccRunner(Config config, PrintStream out) {
        this.config = requireNonNull(config, "config is null");
        this.out = requireNonNull(out, "out is null");
    }

    public Result run() throws SQLException, IOException, InterruptedException {
        Instant started = Instant.now();
        List<EngineResult> results = new ArrayList<>();
        for (Endpoint e : config.endpoints()) {
            long rows = 0;
            double loadSeconds = Double.NaN;
            String step = "load";
            try {
                if (!config.skipLoad()) {
                    out.printf("TPC-C %d warehouse(s)%s: loading %s%n", config.scale().warehouses(),
                            config.scale().isStandard() ? "" : " (reduced cardinalities)", e.name());
                    long t0 = System.nanoTime();
                    try (Connection c = e.connect()) {
                        e.useDatabase(c, config.database());
                        TpccLoader loader = new TpccLoader(config.scale(), config.batchRows(), out, e.name());
                        loader.createSchema(c);
                        rows = loader.load(c, TpccRandom.seeded(config.seed()));
                    }
                    loadSeconds = (System.nanoTime() - t0) / 1e9;
                }
                step = "run";
                out.printf("TPC-C: running the mix on %s, %d terminal(s), %d s%n", e.name(), config.terminals(),
                        config.duration().toSeconds());
                TpccDriver driver = new TpccDriver(e, config.database(), config.scale(), config.terminals(), config.duration(),
                        config.warmup(), config.maxRetries(), config.seed(), out);
                TpccDriver.RunResult run = driver.run();
                results.add(new EngineResult(e.name(), rows, loadSeconds, run, checkConsistency(e)));
            } catch (SQLException | RuntimeException ex) {
                // An engine that cannot load or connect is a result to report, not a reason to lose the other's.
                String why = step + " failed: " + (ex instanceof SQLException s && s.getErrorCode() != 0
                        ? "ERROR " + s.getErrorCode() + " (" + s.getSQLState() + "): " : "") + ex.getMessage();
                out.println("  " + e.name() + ": " + why);
                results.add(new EngineResult(e.name(), rows, loadSeconds, TpccDriver.RunResult.failed(e.name(),
                        config.terminals(), why), "not checked: " + why));
            }
        }
        Result result = new Result(config, results, new ResultFiles(config.resultsDir(),
                "tpcc-w" + config.scale().warehouses(), started));
        write(result, started);
        return result;
    }

    private String checkConsistency(Endpoint e) {
        if (config.skipLoad()) {
            return "not checked (--skip-load: the tables may hold earlier runs)";
        }
        out.printf("TPC-C: checking the consistency conditions on %s%n", e.name());
        try (Connection c = e.connect()) {
            e.useDatabase(c, config.database());
            List<String> violations = TpccConsistency.check(c, config.scale(), 120);
            violations.forEach(v -> out.println("  " + e.name() + " violates " + v));
            return violations.isEmpty() ? "ok" : violations.size() + " violation(s): " + String.join("; ", violations);
        } catch (SQLException | RuntimeException ex) {
            return "not checked: " + ex.getMessage();
        }
    }

    static String f1(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.1f", v);
    }

    static String f2(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.2f", v);
    }

    /** One row per figure, one column per engine, and the ratio first/second when there are two. */
    public static ResultTable summaryTable(Result r) {
        List<EngineResult> es = r.engines();
        List<String> header = new ArrayList<>(List.of("metric"));
        es.forEach(e -> header.add(e.engine()));
        boolean ratio = es.size() == 2;
        if (ratio) {
            header.add(es.get(0).engine() + "/" + es.get(1).engine());
        }
        List<List<String>> rows = new ArrayList<>();
        addRow(rows, "tpmC (new-orders/min)", es, e -> e.run().tpmC(), ratio, TpccRunner::f1);
        addRow(rows, "tpmTotal (all txns/min)", es, e -> e.run().tpmTotal(), ratio, TpccRunner::f1);
        for (TxnType t : TxnType.values()) {
            addRow(rows, t.name().toLowerCase(java.util.Locale.ROOT) + " p95 ms", es,
                    e -> e.run().byType().get(t).p95Millis(), ratio, TpccRunner::f2);
        }
        addRow(rows, "errors", es, e -> (double) e.run().totalErrors(), ratio, v -> String.format("%.0f", v));
        addRow(rows, "retries", es, e -> (double) e.run().byType().values().stream().mapToLong(TpccDriver.TypeStats::retries).sum(),
                ratio, v -> String.format("%.0f", v));
        addRow(rows, "load s", es, EngineResult::loadSeconds, ratio, TpccRunner::f1);
        List<String> consistency = new ArrayList<>(List.of("consistency (3.3.2.1-4)"));
        es.forEach(e -> consistency.add(e.consistency().length() > 120 ? e.consistency().substring(0, 119) + "…" : e.consistency()));
        if (ratio) {
            consistency.add("");
        }
        rows.add(consistency);
        return new ResultTable(header, rows);
    }

    private static void addRow(List<List<String>> rows, String metric, List<EngineResult> es,
                               java.util.function.ToDoubleFunction<EngineResult> value, boolean ratio,
                               java.util.function.DoubleFunction<String> fmt) {
        List<String> row = new ArrayList<>(List.of(metric));
        for (EngineResult e : es) {
            row.add(fmt.apply(value.applyAsDouble(e)));
        }
        if (ratio) {
            row.add(ResultFiles.ratio(value.applyAsDouble(es.get(0)), value.applyAsDouble(es.get(1))));
        }
        rows.add(row);
    }

    /** Per engine and transaction type: counts and latency percentiles (the CSV). */
    public static ResultTable detailTable(Result r) {
        List<List<String>> rows = new ArrayList<>();
        for (EngineResult e : r.engines()) {
            for (Map.Entry<TxnType, TpccDriver.TypeStats> t : e.run().byType().entrySet()) {
                TpccDriver.TypeStats s = t.getValue();
                rows.add(List.of(e.engine(), t.getKey().name(), Long.toString(s.completed()), Long.toString(s.rolledBack()),
                        Long.toString(s.errors()), Long.toString(s.retries()), f2(s.p50Millis()), f2(s.p95Millis()),
                        f2(s.p99Millis()), f2(s.meanMillis())));
            }
        }
        return new ResultTable(List.of("engine", "txn", "committed", "rolled_back", "errors", "retries", "p50_ms", "p95_ms",
                "p99_ms", "mean_ms"), rows);
    }

    private void write(Result r, Instant started) throws IOException {
        ResultFiles f = r.files();
        ResultTable summary = summaryTable(r);
        ResultTable detail = detailTable(r);
        f.writeCsv(detail);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", "tpcc");
        doc.put("startedAt", started.toString());
        doc.put("command", config.command());
        doc.put("scale", config.scale());
        doc.put("terminals", config.terminals());
        doc.put("durationSeconds", config.duration().toSeconds());
        doc.put("warmupSeconds", config.warmup().toSeconds());
        doc.put("seed", config.seed());
        doc.put("machine", Machine.current().toMap());
        doc.put("engines", r.engines());
        f.writeJson(doc);
        List<String> categories = new ArrayList<>();
        for (TxnType t : TxnType.values()) {
            categories.add(t.name().toLowerCase(java.util.Locale.ROOT));
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (EngineResult e : r.engines()) {
            List<Double> ys = new ArrayList<>();
            for (TxnType t : TxnType.values()) {
                ys.add(e.run().byType().get(t).p95Millis());
            }
            series.put(e.engine() + String.format(" (%.0f tpmC)", e.run().tpmC()), ys);
        }
        Charts.groupedBars(f.png(), "TPC-C p95 latency, " + config.scale().warehouses() + " warehouse(s), "
                + config.terminals() + " terminal(s)", "ms (log)", categories, series, true);
        out.println();
        out.println(summary.toText());
        out.println(detail.toText());
        for (EngineResult e : r.engines()) {
            e.run().errorSamples().forEach((k, v) -> out.printf("  %s error x%d: %s%n", e.engine(), v, k));
        }
        out.printf("Results: %s, %s, %s%n", f.csv(), f.json(), f.png());
        if (config.docFile().isPresent()) {
            Path docFile = config.docFile().get();
            StringBuilder md = new StringBuilder();
            md.append("Run ").append(f.baseName()).append(" (UTC): ").append(config.scale().warehouses())
                    .append(" warehouse(s)").append(config.scale().isStandard() ? "" : String.format(
                            " with reduced cardinalities (%,d items, %d customers and %d orders per district; not TPC-C sizes)",
                            config.scale().items(), config.scale().customersPerDistrict(), config.scale().ordersPerDistrict()))
                    .append(", ").append(config.terminals()).append(" terminal(s), ").append(config.duration().toSeconds())
                    .append(" s measured after ").append(config.warmup().toSeconds()).append(" s warm-up, no think time, on ")
                    .append(Machine.current().oneLine()).append(".\n\n");
            md.append("Command: `").append(config.command()).append("`\n\n");
            md.append(summary.toMarkdown()).append('\n');
            md.append("Per transaction:\n\n").append(detail.toMarkdown()).append('\n');
            for (EngineResult e : r.engines()) {
                if (!e.run().errorSamples().isEmpty()) {
                    md.append("Most frequent errors on ").append(e.engine()).append(":\n\n");
                    e.run().errorSamples().forEach((k, v) -> md.append("- ").append(v).append("× `")
                            .append(k.replace("`", "'")).append("`\n"));
                    md.append('\n');
                }
            }
            Path rel = docFile.toAbsolutePath().getParent().relativize(f.png().toAbsolutePath());
            md.append("![TPC-C](").append(rel.toString().replace('\\', '/')).append(")\n\n");
            md.append("Files: `").append(f.csv().getFileName()).append("`, `").append(f.json().getFileName()).append("`.\n");
            DocSections.update(docFile, config.docSection(), md.toString());
        }
    }
}
