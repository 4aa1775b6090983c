package io.strata.bench.sysbench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of one {@code sysbench ... run} output (sysbench 1.0). When the run used
 * {@code --report-checkpoints} for a warm-up, the output holds several statistics blocks and the
 * last one, covering the time after the last checkpoint, is the one that counts.
 */
public record SysbenchOutput(double tps, double qps, double p95Millis, double avgMillis, long transactions,
                             long ignoredErrors, Optional<String> failure) {

    private static final Pattern TRANSACTIONS = Pattern.compile("transactions:\\s+(\\d+)\\s+\\(([\\d.]+) per sec\\.\\)");
    private static final Pattern QUERIES = Pattern.compile("\\n\\s+queries:\\s+(\\d+)\\s+\\(([\\d.]+) per sec\\.\\)");
    private static final Pattern IGNORED = Pattern.compile("ignored errors:\\s+(\\d+)");
    private static final Pattern P95 = Pattern.compile("95th percentile:\\s+([\\d.]+)");
    private static final Pattern AVG = Pattern.compile("\\n\\s+avg:\\s+([\\d.]+)");
    private static final Pattern FATAL = Pattern.compile("(?m)^.*(FATAL|error|Error|ERROR).*$");

    public static SysbenchOutput parse(String text) {
        int block = text.lastIndexOf("SQL statistics:");
        if (block < 0) {
            Matcher m = FATAL.matcher(text);
            String why = m.find() ? m.group().trim() : "no statistics in the output";
            return failed(why);
        }
        String last = text.substring(block);
        Matcher t = TRANSACTIONS.matcher(last);
        Matcher q = QUERIES.matcher(last);
        Matcher i = IGNORED.matcher(last);
        Matcher p = P95.matcher(last);
        Matcher a = AVG.matcher(last);
        if (!t.find() || !q.find() || !p.find() || !a.find()) {
            return failed("unrecognised sysbench output");
        }
        long ignored = i.find() ? Long.parseLong(i.group(1)) : 0;
        Optional<String> failure = Optional.empty();
        Matcher f = FATAL.matcher(text);
        if (f.find() && text.contains("FATAL")) {
            failure = Optional.of(f.group().trim());
        }
        return new SysbenchOutput(Double.parseDouble(t.group(2)), Double.parseDouble(q.group(2)), Double.parseDouble(p.group(1)),
                Double.parseDouble(a.group(1)), Long.parseLong(t.group(1)), ignored, failure);
    }

    private static SysbenchOutput failed(String why) {
        return new SysbenchOutput(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, Optional.of(why));
    }

    public boolean ok() {
        return failure.isEmpty() && transactions > 0;
    }
}
