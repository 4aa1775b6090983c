package io.strata.bench.sysbench;

import io.strata.bench.report.Charts;
import io.strata.bench.report.DocSections;
import io.strata.bench.report.Machine;
import io.strata.bench.report.ResultFiles;
import io.strata.bench.report.ResultTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Turns the raw outputs that {@code bench/sysbench.sh} and {@code bench/scale.sh} saved
 * ({@code <engine>__<test>__<tableSize>.txt}, plus {@code .prepare.txt} for the load step) into
 * the side-by-side table (first engine / second engine), the CSV/JSON/PNG result files, and the
 * generated section of docs/benchmarks.md. Nothing is measured here; figures come only from the
 * saved outputs.
 */
@Command(name = "sysbench-report", mixinStandardHelpOptions = true)
public final class SysbenchReport implements Callable<Integer> {
    @Option(names = "--raw-dir", required = true)
    Path rawDir;

    @Option(names = "--engines", required = true, split = ",", description = "engine names, the engine under test first")
    List<String> engines;

    @Option(names = "--kind", defaultValue = "sysbench", description = "sysbench (one row per test) or scale (one row per table size)")
    String kind;

    @Option(names = "--results-dir", defaultValue = "results")
    Path resultsDir;

    @Option(names = "--doc")
    Path doc;

    @Option(names = "--doc-section", defaultValue = "")
    String docSection;

    @Option(names = "--params", defaultValue = "", description = "the run's parameters, quoted in the report")
    String params;

    @Option(names = "--command", defaultValue = "")
    String command;

    @Option(names = "--started", description = "run start, ISO-8601 (names the result files)")
    String started;

    /** One saved run: which engine, which sysbench test, at which table size. */
    public record Run(String engine, String test, long tableSize, SysbenchOutput output, Optional<String> prepareFailure) {
    }

    public static List<Run> readRuns(Path rawDir) throws IOException {
        List<Run> runs = new ArrayList<>();
        try (var files = Files.list(rawDir)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".txt") || name.endsWith(".prepare.txt") || name.endsWith(".cleanup.txt")) {
                    continue;
                }
                String[] parts = name.substring(0, name.length() - 4).split("__");
                if (parts.length != 3) {
                    continue;
                }
                SysbenchOutput out = SysbenchOutput.parse(Files.readString(p, StandardCharsets.UTF_8));
                Path prepare = p.resolveSibling(name.substring(0, name.length() - 4) + ".prepare.txt");
                Optional<String> prepareFailure = Optional.empty();
                if (Files.exists(prepare)) {
                    String text = Files.readString(prepare, StandardCharsets.UTF_8);
                    if (text.contains("FATAL")) {
                        prepareFailure = text.lines().filter(l -> l.contains("FATAL")).findFirst();
                    }
                }
                runs.add(new Run(parts[0], parts[1], Long.parseLong(parts[2]), out, prepareFailure));
            }
        }
        runs.sort(java.util.Comparator.comparingInt((Run r) -> testOrder(r.test())).thenComparingLong(Run::tableSize));
        return runs;
    }

    private static final List<String> TEST_ORDER = List.of("oltp_point_select", "oltp_read_only", "oltp_read_write",
            "oltp_insert");

    private static int testOrder(String test) {
        int i = TEST_ORDER.indexOf(test);
        return i < 0 ? TEST_ORDER.size() : i;
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.2f", v);
    }

    private static Run find(List<Run> runs, String engine, String test, long size) {
        return runs.stream().filter(r -> r.engine().equals(engine) && r.test().equals(test) && r.tableSize() == size)
                .findFirst().orElse(null);
    }

    private static String status(Run r) {
        if (r == null) {
            return "not run";
        }
        if (r.prepareFailure().isPresent()) {
            return "prepare failed: " + r.prepareFailure().get();
        }
        if (!r.output().ok()) {
            return "failed: " + r.output().failure().orElse("no transactions");
        }
        return r.output().ignoredErrors() > 0 ? r.output().ignoredErrors() + " ignored errors" : "ok";
    }

    public static ResultTable table(List<Run> runs, List<String> engines, boolean byTableSize) {
        String a = engines.get(0);
        String b = engines.size() > 1 ? engines.get(1) : null;
        List<String> header = new ArrayList<>(List.of(byTableSize ? "rows" : "test"));
        for (String metric : List.of("TPS", "QPS", "p95 ms")) {
            header.add(a + " " + metric);
            if (b != null) {
                header.add(b + " " + metric);
                header.add(a + "/" + b);
            }
        }
        header.add(a + " status");
        if (b != null) {
            header.add(b + " status");
        }
        List<List<String>> rows = new ArrayList<>();
        LinkedHashMap<String, long[]> keys = new LinkedHashMap<>();
        for (Run r : runs) {
            keys.putIfAbsent(r.test() + "__" + r.tableSize(), new long[] {r.tableSize()});
        }
        for (Map.Entry<String, long[]> k : keys.entrySet()) {
            String test = k.getKey().substring(0, k.getKey().indexOf("__"));
            long size = k.getValue()[0];
            Run ra = find(runs, a, test, size);
            Run rb = b == null ? null : find(runs, b, test, size);
            List<String> row = new ArrayList<>();
            row.add(byTableSize ? String.format("%,d (%s)", size, test) : test);
            addMetric(row, ra, rb, b != null, SysbenchOutput::tps);
            addMetric(row, ra, rb, b != null, SysbenchOutput::qps);
            addMetric(row, ra, rb, b != null, SysbenchOutput::p95Millis);
            row.add(status(ra));
            if (b != null) {
                row.add(status(rb));
            }
            rows.add(row);
        }
        return new ResultTable(header, rows);
    }

    private static void addMetric(List<String> row, Run a, Run b, boolean two, java.util.function.ToDoubleFunction<SysbenchOutput> m) {
        Double va = a != null && a.output().ok() ? m.applyAsDouble(a.output()) : null;
        row.add(va == null ? "-" : f(va));
        if (two) {
            Double vb = b != null && b.output().ok() ? m.applyAsDouble(b.output()) : null;
            row.add(vb == null ? "-" : f(vb));
            row.add(ResultFiles.ratio(va, vb));
        }
    }

    @Override
    public Integer call() throws IOException {
        boolean scale = kind.equals("scale");
        List<Run> runs = readRuns(rawDir);
        if (runs.isEmpty()) {
            throw new IllegalStateException("no sysbench outputs in " + rawDir);
        }
        Instant at = started == null ? Instant.now() : Instant.parse(started);
        ResultFiles files = new ResultFiles(resultsDir, kind, at);
        ResultTable table = table(runs, engines, scale);
        files.writeCsv(table);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", kind);
        json.put("startedAt", at.toString());
        json.put("command", command);
        json.put("parameters", params);
        json.put("engines", engines);
        json.put("machine", Machine.current().toMap());
        json.put("runs", runs);
        files.writeJson(json);
        if (scale) {
            LinkedHashMap<String, double[][]> lines = new LinkedHashMap<>();
            for (String e : engines) {
                List<Run> mine = runs.stream().filter(r -> r.engine().equals(e) && r.output().ok())
                        .sorted(java.util.Comparator.comparingLong(Run::tableSize)).toList();
                if (mine.isEmpty()) {
                    continue;
                }
                double[][] xy = new double[2][mine.size()];
                for (int i = 0; i < mine.size(); i++) {
                    xy[0][i] = mine.get(i).tableSize();
                    xy[1][i] = mine.get(i).output().p95Millis();
                }
                lines.put(e, xy);
            }
            if (!lines.isEmpty()) {
                Charts.lines(files.png(), "Point-select p95 latency by table size", "rows", "p95 ms", lines, true);
            }
        } else {
            List<String> categories = new ArrayList<>();
            for (Run r : runs) {
                if (!categories.contains(r.test())) {
                    categories.add(r.test());
                }
            }
            Map<String, List<Double>> series = new LinkedHashMap<>();
            for (String e : engines) {
                List<Double> ys = new ArrayList<>();
                for (String t : categories) {
                    Run r = runs.stream().filter(x -> x.engine().equals(e) && x.test().equals(t)).findFirst().orElse(null);
                    ys.add(r != null && r.output().ok() ? r.output().tps() : null);
                }
                series.put(e, ys);
            }
            Charts.groupedBars(files.png(), "sysbench transactions per second", "TPS (log)", categories, series, true);
        }
        System.out.println();
        System.out.println(table.toText());
        System.out.printf("Results: %s, %s, %s%n", files.csv(), files.json(), files.png());
        if (doc != null) {
            StringBuilder md = new StringBuilder();
            md.append("Run ").append(files.baseName()).append(" (UTC) on ").append(Machine.current().oneLine()).append(".\n\n");
            if (!command.isEmpty()) {
                md.append("Command: `").append(command).append("`\n\n");
            }
            if (!params.isEmpty()) {
                md.append("Parameters: ").append(params).append("\n\n");
            }
            md.append(table.toMarkdown()).append('\n');
            if (Files.exists(files.png())) {
                Path rel = doc.toAbsolutePath().getParent().relativize(files.png().toAbsolutePath());
                md.append("![").append(kind).append("](").append(rel.toString().replace('\\', '/')).append(")\n\n");
            }
            md.append("Files: `").append(files.csv().getFileName()).append("`, `").append(files.json().getFileName())
                    .append("`, raw sysbench outputs in `").append(resultsDir.toAbsolutePath().relativize(rawDir.toAbsolutePath()))
                    .append("/`.\n");
            DocSections.update(doc, docSection.isEmpty() ? kind : docSection, md.toString());
        }
        return 0;
    }

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new SysbenchReport());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            e.printStackTrace();
            return 2;
        });
        System.exit(cl.execute(args));
    }
}
