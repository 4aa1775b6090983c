package io.strata.bench.tpch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.bench.report.Charts;
import io.strata.bench.report.DocSections;
import io.strata.bench.report.ResultFiles;
import io.strata.bench.report.ResultTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The TPC-H scale curve, built from the result files already in the results folder (no new
 * measurement): for each scale factor the latest run, with load times, how many queries passed,
 * and the summed time of the queries that passed, on each engine. Summing only passing queries
 * keeps the two columns comparable; the count says how much of the workload that covers.
 */
@Command(name = "tpch-scale-report", mixinStandardHelpOptions = true)
public final class TpchScaleReport implements Callable<Integer> {
    @Option(names = "--results-dir", defaultValue = "results")
    Path resultsDir;

    @Option(names = "--doc")
    Path doc;

    @Option(names = "--doc-section", defaultValue = "tpch-scale")
    String docSection;

    private static String f(double v) {
        return String.format("%.1f", v);
    }

    @Override
    public Integer call() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        // Latest run per scale factor: file names sort by time within a scale factor.
        TreeMap<Double, Path> latest = new TreeMap<>();
        try (Stream<Path> files = Files.list(resultsDir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().matches("tpch-sf[0-9.]+-\\d{8}-\\d{6}\\.json")).sorted().toList()) {
                JsonNode root = mapper.readTree(p.toFile());
                latest.put(root.get("scaleFactor").asDouble(), p);
            }
        }
        if (latest.isEmpty()) {
            throw new IllegalStateException("no tpch-sf*.json in " + resultsDir);
        }
        List<List<String>> rows = new ArrayList<>();
        String targetName = null;
        String peerName = null;
        List<Double> xs = new ArrayList<>();
        List<Double> ts = new ArrayList<>();
        List<Double> ps = new ArrayList<>();
        for (Map.Entry<Double, Path> e : latest.entrySet()) {
            JsonNode root = mapper.readTree(e.getValue().toFile());
            targetName = root.get("target").asText();
            peerName = root.get("peer").asText();
            double targetLoad = 0;
            double peerLoad = 0;
            for (JsonNode l : root.get("loads")) {
                if (l.get("engine").asText().equals(targetName)) {
                    targetLoad += l.get("seconds").asDouble();
                } else {
                    peerLoad += l.get("seconds").asDouble();
                }
            }
            int passed = 0;
            int total = 0;
            double targetMs = 0;
            double peerMs = 0;
            for (JsonNode q : root.get("queries")) {
                total++;
                if (q.get("status").asText().equals("PASS")) {
                    passed++;
                    targetMs += q.get("targetMillis").asDouble();
                    peerMs += q.get("peerMillis").asDouble();
                }
            }
            rows.add(List.of(String.valueOf(e.getKey()), e.getValue().getFileName().toString(), passed + "/" + total,
                    f(targetMs), f(peerMs), ResultFiles.ratio(targetMs, peerMs), f(targetLoad), f(peerLoad),
                    ResultFiles.ratio(targetLoad, peerLoad)));
            if (passed > 0) {
                xs.add(e.getKey());
                ts.add(targetMs);
                ps.add(peerMs);
            }
        }
        ResultTable table = new ResultTable(List.of("SF", "run", "passed", targetName + " ms (passed)", peerName + " ms (passed)",
                targetName + "/" + peerName, targetName + " load s", peerName + " load s", "load " + targetName + "/" + peerName), rows);
        ResultFiles files = new ResultFiles(resultsDir, "tpch-scale", Instant.now());
        files.writeCsv(table);
        if (!xs.isEmpty()) {
            LinkedHashMap<String, double[][]> lines = new LinkedHashMap<>();
            lines.put(targetName, new double[][] {xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ts.stream().mapToDouble(Double::doubleValue).toArray()});
            lines.put(peerName, new double[][] {xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ps.stream().mapToDouble(Double::doubleValue).toArray()});
            Charts.lines(files.png(), "TPC-H: summed time of passing queries by scale factor", "scale factor",
                    "ms", lines, true);
        }
        System.out.println(table.toText());
        if (doc != null) {
            StringBuilder md = new StringBuilder();
            md.append("Built from the latest `tpch-sf*.json` per scale factor (`").append(files.csv().getFileName())
                    .append("`). Times are the sums over the queries that passed at that scale; the passed column says how many.\n\n");
            md.append(table.toMarkdown()).append('\n');
            if (Files.exists(files.png())) {
                Path rel = doc.toAbsolutePath().getParent().relativize(files.png().toAbsolutePath());
                md.append("![TPC-H scale](").append(rel.toString().replace('\\', '/')).append(")\n");
            }
            DocSections.update(doc, docSection, md.toString());
        }
        return 0;
    }

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new TpchScaleReport());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            e.printStackTrace();
            return 2;
        });
        System.exit(cl.execute(args));
    }
}
