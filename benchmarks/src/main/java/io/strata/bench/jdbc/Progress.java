package io.strata.bench.jdbc;

import java.io.PrintStream;

/**
 * Prints loading progress at most every two seconds: rows so far, percentage of the expected
 * count, and the rate. Not thread-safe; one per loading thread.
 */
public final class Progress {
    private final PrintStream out;
    private final String label;
    private final long expected;
    private final long startNanos = System.nanoTime();
    private long lastPrintNanos = startNanos;
    private long rows;

    public Progress(PrintStream out, String label, long expected) {
        this.out = out;
        this.label = label;
        this.expected = expected;
    }

    public void add(long n) {
        rows += n;
        long now = System.nanoTime();
        if (now - lastPrintNanos >= 2_000_000_000L) {
            lastPrintNanos = now;
            print(now, false);
        }
    }

    public long rows() {
        return rows;
    }

    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public void done() {
        print(System.nanoTime(), true);
    }

    private void print(long now, boolean done) {
        double s = Math.max(1e-9, (now - startNanos) / 1e9);
        String pct = expected > 0 ? String.format(" (%.0f%%)", Math.min(100.0, 100.0 * rows / expected)) : "";
        out.printf("  %s: %,d%s rows%s, %.1f s, %,.0f rows/s%s%n", label, rows,
                expected > 0 ? " / ~" + String.format("%,d", expected) : "", pct, s, rows / s, done ? " - done" : "");
        out.flush();
    }
}
