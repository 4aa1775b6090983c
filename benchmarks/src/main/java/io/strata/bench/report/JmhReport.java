package io.strata.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Turns a JMH JSON result ({@code -rf json}) into the CSV, a PNG of time per operation, and the
 * "jmh" section of docs/benchmarks.md. Throughput scores are shown as they are and also converted
 * to time per operation for the plot, so benchmarks in different modes share one axis.
 */
@Command(name = "jmh-report", mixinStandardHelpOptions = true)
public final class JmhReport implements Callable<Integer> {
    @Option(names = "--json", required = true)
    Path json;

    @Option(names = "--results-dir", defaultValue = "results")
    Path resultsDir;

    @Option(names = "--doc")
    Path doc;

    @Option(names = "--doc-section", defaultValue = "jmh")
    String docSection;

    @Option(names = "--command", defaultValue = "bench/jmh.sh")
    String command;

    @Option(names = "--started")
    String started;

    /** Nanoseconds per operation for a JMH score, or NaN for units this does not know. */
    static double nanosPerOp(double score, String unit) {
        return switch (unit) {
            case "ns/op" -> score;
            case "us/op" -> score * 1e3;
            case "ms/op" -> score * 1e6;
            case "s/op" -> score * 1e9;
            case "ops/ns" -> 1 / score;
            case "ops/us" -> 1e3 / score;
            case "ops/ms" -> 1e6 / score;
            case "ops/s" -> 1e9 / score;
            default -> Double.NaN;
        };
    }

    /** The JMH parameter that names alternative implementations of the same computation. */
    static final String IMPL_PARAM = "impl";

    /**
     * For benchmarks with an {@value #IMPL_PARAM} parameter: each implementation's time per
     * operation relative to the first one measured (JMH runs parameter values in declared order,
     * so a benchmark lists its reference implementation first), per benchmark method, thread
     * count and other parameters. Empty when no benchmark has the parameter.
     */
    static ResultTable ratios(JsonNode root) {
        Map<String, Double> baseline = new LinkedHashMap<>();
        Map<String, String> baselineImpl = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode b : root) {
            JsonNode p = b.get("params");
            if (p == null || p.get(IMPL_PARAM) == null) {
                continue;
            }
            String impl = p.get(IMPL_PARAM).asText();
            StringBuilder others = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals(IMPL_PARAM)) {
                    others.append(others.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue().asText());
                }
            }
            String name = b.get("benchmark").asText().replace("io.strata.bench.jmh.", "");
            String threads = Integer.toString(b.get("threads").asInt());
            String group = name + "|" + threads + "|" + others;
            JsonNode m = b.get("primaryMetric");
            double ns = nanosPerOp(m.get("score").asDouble(), m.get("scoreUnit").asText());
            baseline.putIfAbsent(group, ns);
            baselineImpl.putIfAbsent(group, impl);
            rows.add(List.of(name, threads, others.toString(), impl, String.format("%.1f", ns),
                    String.format("%.2f", ns / baseline.get(group)) + " × " + baselineImpl.get(group)));
        }
        return new ResultTable(List.of("benchmark", "threads", "params", IMPL_PARAM, "ns/op", "time relative to"), rows);
    }

    @Override
    public Integer call() throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        List<List<String>> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Double> nanos = new ArrayList<>();
        for (JsonNode b : root) {
            String name = b.get("benchmark").asText().replace("io.strata.bench.jmh.", "");
            StringBuilder params = new StringBuilder();
            JsonNode p = b.get("params");
            if (p != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    params.append(params.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue().asText());
                }
            }
            JsonNode m = b.get("primaryMetric");
            double score = m.get("score").asDouble();
            double error = m.get("scoreError").asDouble();
            String unit = m.get("scoreUnit").asText();
            double ns = nanosPerOp(score, unit);
            rows.add(List.of(name, b.get("mode").asText(), Integer.toString(b.get("threads").asInt()), params.toString(),
                    String.format("%.3f", score), Double.isNaN(error) ? "-" : String.format("%.3f", error), unit,
                    Double.isNaN(ns) ? "-" : String.format("%.1f", ns)));
            names.add(name + (params.length() == 0 ? "" : " " + params));
            nanos.add(ns);
        }
        ResultTable table = new ResultTable(List.of("benchmark", "mode", "threads", "params", "score", "± (99.9%)", "unit",
                "ns/op"), rows);
        ResultTable ratios = ratios(root);
        ResultFiles files = new ResultFiles(resultsDir, "jmh", started == null ? Instant.now() : Instant.parse(started));
        files.writeCsv(table);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "jmh");
        out.put("command", command);
        out.put("machine", Machine.current().toMap());
        out.put("jmh", new ObjectMapper().convertValue(root, Object.class));
        out.put("ratios", ratios.rows());
        files.writeJson(out);
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("time per operation", nanos);
        Charts.groupedBars(files.png(), "JMH microbenchmarks", "ns/op (log)", names, series, true);
        System.out.println(table.toText());
        if (!ratios.rows().isEmpty()) {
            System.out.println(ratios.toText());
        }
        System.out.printf("Results: %s, %s, %s%n", files.csv(), files.json(), files.png());
        if (doc != null) {
            StringBuilder md = new StringBuilder();
            md.append("Run ").append(files.baseName()).append(" (UTC) on ").append(Machine.current().oneLine()).append(".\n\n");
            md.append("Command: `").append(command).append("`\n\n");
            md.append(table.toMarkdown()).append('\n');
            if (!ratios.rows().isEmpty()) {
                md.append("Alternative implementations of the same computation (parameter `").append(IMPL_PARAM)
                        .append("`), time per operation relative to the first:\n\n");
                md.append(ratios.toMarkdown()).append('\n');
            }
            Path rel = doc.toAbsolutePath().getParent().relativize(files.png().toAbsolutePath());
            md.append("![JMH](").append(rel.toString().replace('\\', '/')).append(")\n\n");
            md.append("Files: `").append(files.csv().getFileName()).append("`, `").append(files.json().getFileName()).append("`.\n");
            DocSections.update(doc, docSection, md.toString());
        }
        return 0;
    }

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new JmhReport());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            e.printStackTrace();
            return 2;
        });
        System.exit(cl.execute(args));
    }
}
