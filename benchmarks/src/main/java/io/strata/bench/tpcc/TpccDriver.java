package io.strata.bench.tpcc;

import io.strata.bench.jdbc.Endpoint;
import io.strata.bench.report.Latencies;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Runs the TPC-C mix for a fixed time with {@code terminals} threads, each with its own connection
 * and home warehouse (terminal i serves warehouse i mod W + 1), without keying or think time: the
 * throughput-oriented variant that tpcc-mysql, BenchBase and go-tpc run by default, and not a
 * result the TPC would accept.
 *
 * <p>Conflicts the server asks the client to retry (SQLSTATE 40001, MySQL 1213 deadlock and 1205
 * lock wait timeout) are retried with the same inputs up to {@code maxRetries} times and counted;
 * a transaction is only counted once it completes. Latency is measured from the first attempt to
 * completion, so retries show in it.
 */
public final class TpccDriver {
    public record TypeStats(long completed, long rolledBack, long errors, long retries, double p50Millis,
                            double p95Millis, double p99Millis, double meanMillis) {
    }

    public record RunResult(String engine, int terminals, double seconds, double tpmC, double tpmTotal,
                            Map<TxnType, TypeStats> byType, Map<String, Long> errorSamples) {
        public long totalErrors() {
            return byType.values().stream().mapToLong(TypeStats::errors).sum();
        }

        /** The result of an engine that could not be loaded or driven at all. */
        public static RunResult failed(String engine, int terminals, String why) {
            Map<TxnType, TypeStats> byType = new LinkedHashMap<>();
            for (TxnType t : TxnType.values()) {
                byType.put(t, new TypeStats(0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
            }
            return new RunResult(engine, terminals, 0, Double.NaN, Double.NaN, byType, Map.of(why, 1L));
        }
    }

    private final Endpoint endpoint;
    private final String database;
    private final TpccScale scale;
    private final int terminals;
    private final Duration duration;
    private final Duration warmup;
    private final int maxRetries;
    private final long seed;
    private final PrintStream out;

    public TpccDriver(Endpoint endpoint, String database, TpccScale scale, int terminals, Duration duration, Duration warmup,
                      int maxRetries, long seed, PrintStream out) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.database = requireNonNull(database, "database is null");
        this.scale = requireNonNull(scale, "scale is null");
        this.terminals = terminals;
        this.duration = requireNonNull(duration, "duration is null");
        this.warmup = requireNonNull(warmup, "warmup is null");
        this.maxRetries = maxRetries;
        this.seed = seed;
        this.out = requireNonNull(out, "out is null");
        if (terminals < 1) {
            throw new IllegalArgumentException("terminals must be positive");
        }
    }

    private static final class Terminal {
        final Map<TxnType, Latencies> latencies = new EnumMap<>(TxnType.class);
        final Map<TxnType, long[]> counts = new EnumMap<>(TxnType.class); // completed, rolledBack, errors, retries
        // The transaction in progress, for reporting a terminal that never got its reply.
        volatile TxnType current;

        Terminal() {
            for (TxnType t : TxnType.values()) {
                latencies.put(t, new Latencies());
                counts.put(t, new long[4]);
            }
        }
    }

    public RunResult run() throws InterruptedException, SQLException {
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong progressNewOrders = new AtomicLong();
        Map<String, Long> errorSamples = new ConcurrentHashMap<>();
        List<Terminal> states = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        List<Throwable> fatal = new ArrayList<>();
        TpccRandom root = TpccRandom.seeded(seed);
        try {
            for (int i = 0; i < terminals; i++) {
                Connection c = endpoint.connect();
                connections.add(c);
                endpoint.useDatabase(c, database);
                Terminal state = new Terminal();
                states.add(state);
                TpccTransactions txns = new TpccTransactions(c, scale, root.split(i), i % scale.warehouses() + 1);
                TpccRandom mixRandom = root.split(1_000_000L + i);
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        TxnType type = TxnType.pick(mixRandom.uniform(0, 99));
                        TpccTransactions.Input input = txns.draw(type);
                        long[] counts = state.counts.get(type);
                        state.current = type;
                        long start = System.nanoTime();
                        int attempt = 0;
                        while (true) {
                            try {
                                TpccTransactions.Outcome o = txns.execute(input);
                                if (measuring.get()) {
                                    state.latencies.get(type).add(System.nanoTime() - start);
                                    counts[o == TpccTransactions.Outcome.COMMITTED ? 0 : 1]++;
                                    if (type == TxnType.NEW_ORDER && o == TpccTransactions.Outcome.COMMITTED) {
                                        progressNewOrders.incrementAndGet();
                                    }
                                }
                                break;
                            } catch (SQLException e) {
                                if (retryable(e) && attempt < maxRetries && !stop.get()) {
                                    attempt++;
                                    if (measuring.get()) {
                                        counts[3]++;
                                    }
                                    continue;
                                }
                                if (measuring.get()) {
                                    counts[2]++;
                                    errorSamples.merge(type + ": " + summarize(e), 1L, Long::sum);
                                }
                                if (isConnectionLost(e)) {
                                    synchronized (fatal) {
                                        fatal.add(e);
                                    }
                                    return;
                                }
                                break;
                            } catch (RuntimeException e) {
                                if (measuring.get()) {
                                    counts[2]++;
                                    errorSamples.merge(type + ": " + e, 1L, Long::sum);
                                }
                                break;
                            }
                        }
                    }
                }, "tpcc-terminal-" + i);
                t.setDaemon(true);
                threads.add(t);
            }
            threads.forEach(Thread::start);
            if (!warmup.isZero()) {
                out.printf("  %s: warming up for %d s%n", endpoint.name(), warmup.toSeconds());
                Thread.sleep(warmup.toMillis());
            }
            measuring.set(true);
            long t0 = System.nanoTime();
            long end = t0 + duration.toNanos();
            long nextReport = t0 + 10_000_000_000L;
            while (System.nanoTime() < end) {
                Thread.sleep(Math.max(1, Math.min(1000, (end - System.nanoTime()) / 1_000_000)));
                long now = System.nanoTime();
                if (now >= nextReport) {
                    double s = (now - t0) / 1e9;
                    out.printf("  %s: %.0f s, %,d new-orders (%.0f tpmC so far)%n", endpoint.name(), s,
                            progressNewOrders.get(), progressNewOrders.get() * 60 / s);
                    out.flush();
                    nextReport += 10_000_000_000L;
                }
                synchronized (fatal) {
                    if (fatal.size() == terminals) {
                        break; // every terminal lost its connection: the server is gone
                    }
                }
            }
            measuring.set(false);
            double seconds = (System.nanoTime() - t0) / 1e9;
            stop.set(true);
            long joinDeadline = System.nanoTime() + 30_000_000_000L;
            for (int i = 0; i < threads.size(); i++) {
                Thread t = threads.get(i);
                t.join(Math.max(1, (joinDeadline - System.nanoTime()) / 1_000_000));
                if (t.isAlive()) {
                    // A terminal still waiting for its reply: the server stalled. Its counters are not
                    // read (the thread still owns them); the stall itself is the reported error.
                    errorSamples.merge(states.get(i).current + ": no reply from the server by the end of the run", 1L, Long::sum);
                }
            }
            return summarize(seconds, states, threads, errorSamples);
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                if (t.isAlive()) {
                    t.interrupt();
                }
            }
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing after the run; nothing left to report
                }
            }
        }
    }

    private RunResult summarize(double seconds, List<Terminal> allStates, List<Thread> threads, Map<String, Long> errorSamples) {
        List<Terminal> states = new ArrayList<>();
        for (int i = 0; i < allStates.size(); i++) {
            if (!threads.get(i).isAlive()) {
                states.add(allStates.get(i));
            }
        }
        Map<TxnType, TypeStats> byType = new LinkedHashMap<>();
        long newOrders = 0;
        long total = 0;
        for (TxnType type : TxnType.values()) {
            long[] sum = new long[4];
            List<Latencies> lats = new ArrayList<>();
            for (Terminal s : states) {
                long[] c = s.counts.get(type);
                for (int i = 0; i < 4; i++) {
                    sum[i] += c[i];
                }
                lats.add(s.latencies.get(type));
            }
            Latencies all = Latencies.merge(lats);
            byType.put(type, new TypeStats(sum[0], sum[1], sum[2], sum[3], all.percentileMillis(0.50),
                    all.percentileMillis(0.95), all.percentileMillis(0.99), all.meanMillis()));
            total += sum[0] + sum[1];
            if (type == TxnType.NEW_ORDER) {
                newOrders = sum[0];
            }
        }
        Map<String, Long> samples = new LinkedHashMap<>();
        errorSamples.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .forEach(e -> samples.put(e.getKey(), e.getValue()));
        return new RunResult(endpoint.name(), terminals, seconds, newOrders * 60 / seconds, total * 60 / seconds, byType, samples);
    }

    static boolean retryable(SQLException e) {
        return "40001".equals(e.getSQLState()) || e.getErrorCode() == 1213 || e.getErrorCode() == 1205;
    }

    private static boolean isConnectionLost(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    private static String summarize(SQLException e) {
        String m = String.valueOf(e.getMessage()).replace('\n', ' ');
        if (m.length() > 160) {
            m = m.substring(0, 159) + "…";
        }
        return (e.getErrorCode() != 0 ? e.getErrorCode() + " " : "") + m;
    }
}
