package io.strata.bench.report;

import java.util.Arrays;

/**
 * Latency samples of one thread in nanoseconds; merged after the run. Keeps every sample (a few
 * million longs at most for a benchmark run), so percentiles are exact rather than bucketed.
 */
public final class Latencies {
    private long[] samples = new long[1024];
    private int size;

    public void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    public int count() {
        return size;
    }

    public static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies p : parts) {
            for (int i = 0; i < p.size; i++) {
                all.add(p.samples[i]);
            }
        }
        return all;
    }

    /** The q-quantile (0 < q <= 1) in milliseconds by the nearest-rank method; NaN without samples. */
    public double percentileMillis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    public double meanMillis() {
        if (size == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += samples[i];
        }
        return sum / size / 1e6;
    }
}
