package io.strata.bench.jmh;

import io.strata.coordinator.tso.BatchingTimestampOracle;
import io.strata.coordinator.tso.LocalTimestampOracle;
import io.strata.spi.Timestamp;
import io.strata.spi.TimestampOracle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The PD's timestamp oracle as the playground runs it, with 1, 4 and 16 threads asking for
 * timestamps at once, two ways ({@code impl}): {@code local} calls {@link LocalTimestampOracle}
 * directly (a persisted window, a synchronized counter inside it; the file is written only when
 * the window is renewed), {@code batching} goes through {@link BatchingTimestampOracle}, which
 * coalesces concurrent calls into one allocation of as many timestamps, as a PD client does. In
 * process an allocation is a counter bump, so this measures what coalescing costs or saves in
 * hand-offs between threads; against a remote PD each allocation is a network round trip, which
 * batching divides among the callers.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class BenchmarkTso {
    @Param({"local", "batching"})
    public String impl;

    private Path dir;
    private LocalTimestampOracle local;
    private TimestampOracle tso;

    @Setup
    public void setup() throws IOException {
        dir = Files.createTempDirectory("strata-jmh-tso");
        local = LocalTimestampOracle.open(dir);
        tso = switch (impl) {
            case "local" -> local;
            case "batching" -> new BatchingTimestampOracle(local);
            default -> throw new IllegalArgumentException("impl " + impl);
        };
    }

    @TearDown
    public void tearDown() throws IOException {
        local.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @Threads(1)
    public Timestamp nextOneThread() {
        return tso.next();
    }

    @Benchmark
    @Threads(4)
    public Timestamp nextFourThreads() {
        return tso.next();
    }

    @Benchmark
    @Threads(16)
    public Timestamp nextSixteenThreads() {
        return tso.next();
    }
}
