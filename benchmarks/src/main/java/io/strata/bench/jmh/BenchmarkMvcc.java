package io.strata.bench.jmh;

import io.strata.coordinator.tso.LocalTimestampOracle;
import io.strata.rowstore.store.LocalStore;
import io.strata.rowstore.store.StoreOptions;
import io.strata.spi.Key;
import io.strata.spi.codec.RowCodec;
import io.strata.spi.codec.TableCodec;
import io.strata.spi.kv.IsolationLevel;
import io.strata.spi.kv.KvIterator;
import io.strata.spi.kv.Transaction;
import io.strata.spi.kv.TxnKv;
import io.strata.spi.kv.TxnOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * MVCC reads on RocksDB through the row store the playground runs ({@link LocalStore} with its
 * Percolator reader): a snapshot point get of one row, the same inside a read-only transaction
 * (which adds taking a start timestamp from the TSO), and a 100-row range scan. The table holds
 * {@code rows} sysbench-shaped rows, each committed once, so every read finds exactly one version.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class BenchmarkMvcc {
    private static final long TABLE_ID = 100;

    @Param({"100000"})
    public int rows;

    private Path dir;
    private LocalTimestampOracle tso;
    private LocalStore store;
    private TxnKv txnKv;
    private final SplittableRandom random = new SplittableRandom(42);
    private static final TxnOptions READ_ONLY = new TxnOptions(IsolationLevel.REPEATABLE_READ, Duration.ofSeconds(5), true);

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("strata-jmh-mvcc");
        tso = LocalTimestampOracle.open(dir.resolve("pd"));
        // Unsynced writes only to load faster; reads, which are measured, are unaffected.
        store = LocalStore.open(Files.createDirectories(dir.resolve("store")), tso, StoreOptions.defaults().withSyncWrites(false));
        txnKv = store.txnKv();
        int[] ids = {1, 2, 3, 4};
        int batch = 1_000;
        for (int start = 0; start < rows; start += batch) {
            try (Transaction t = txnKv.begin(TxnOptions.DEFAULT)) {
                for (int i = start; i < Math.min(rows, start + batch); i++) {
                    Object[] values = {(long) i, (long) random.nextInt(rows), "c".repeat(120), "p".repeat(60)};
                    t.put(TableCodec.rowKey(TABLE_ID, i), RowCodec.encode(ids, values));
                }
                t.commit();
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        tso.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private long randomHandle() {
        return random.nextInt(rows);
    }

    @Benchmark
    public byte[] pointGetSnapshot() {
        long readTs = tso.next().version();
        return store.get(TableCodec.rowKey(TABLE_ID, randomHandle()).toByteArray(), readTs, 0);
    }

    @Benchmark
    public byte[] pointGetReadOnlyTransaction() {
        try (Transaction t = txnKv.begin(READ_ONLY)) {
            byte[] v = t.get(TableCodec.rowKey(TABLE_ID, randomHandle()));
            t.commit();
            return v;
        }
    }

    @Benchmark
    public int scan100() {
        long first = random.nextInt(Math.max(1, rows - 100));
        Key start = TableCodec.rowKey(TABLE_ID, first);
        Key end = TableCodec.rowKey(TABLE_ID, first + 100);
        int n = 0;
        try (Transaction t = txnKv.begin(READ_ONLY); KvIterator it = t.scan(start, end)) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }
}
