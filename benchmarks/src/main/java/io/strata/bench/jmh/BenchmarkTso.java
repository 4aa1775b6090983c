package io.strata.bench.jmh;

import io.strata.coordinator.tso.LocalTimestampOracle;
import io.strata.spi.Timestamp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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
 * The PD's timestamp oracle as the playground runs it ({@link LocalTimestampOracle}: a persisted
 * window, a synchronized counter inside it), alone and with four threads contending. The window
 * is persisted ahead of time, so a call is a counter bump except when the window is renewed. A
 * batching TSO client (one request for many transactions) does not exist yet; when it does, it
 * belongs here next to these figures.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class BenchmarkTso {
    private Path dir;
    private LocalTimestampOracle tso;

    @Setup
    public void setup() throws IOException {
        dir = Files.createTempDirectory("strata-jmh-tso");
        tso = LocalTimestampOracle.open(dir);
    }

    @TearDown
    public void tearDown() throws IOException {
        tso.close();
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
}
