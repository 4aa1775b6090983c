package io.strata.bench.jmh;

import io.strata.spi.Key;
import io.strata.spi.codec.ByteReader;
import io.strata.spi.codec.ByteWriter;
import io.strata.spi.codec.MemComparable;
import io.strata.spi.codec.TableCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The memcomparable key codec (spi): row keys {@code t{table}_r{handle}}, secondary index keys
 * with a string and an integer column, and a datum round trip. Every point get and every index
 * lookup pays one of these encodings.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED"})
@State(Scope.Thread)
public class BenchmarkKeyCodec {
    private long handle;
    private List<Object> indexValues;
    private Key rowKey;
    private byte[] encodedDatums;

    @Setup
    public void setup() {
        handle = 1_234_567L;
        indexValues = List.of("Customer#000012345", 42L);
        rowKey = TableCodec.rowKey(45, handle);
        ByteWriter w = new ByteWriter();
        MemComparable.encodeDatum(w, 42L);
        MemComparable.encodeDatum(w, "BUILDING");
        MemComparable.encodeDatum(w, new BigDecimal("12345.67"));
        encodedDatums = w.toByteArray();
    }

    @Benchmark
    public Key encodeRowKey() {
        return TableCodec.rowKey(45, handle++);
    }

    @Benchmark
    public long decodeRowKeyHandle() {
        return TableCodec.decodeHandle(rowKey);
    }

    @Benchmark
    public Key encodeIndexKey() {
        return TableCodec.indexKey(45, 2, indexValues, handle);
    }

    @Benchmark
    public byte[] encodeThreeDatums() {
        ByteWriter w = new ByteWriter();
        MemComparable.encodeDatum(w, 42L);
        MemComparable.encodeDatum(w, "BUILDING");
        MemComparable.encodeDatum(w, new BigDecimal("12345.67"));
        return w.toByteArray();
    }

    @Benchmark
    public Object decodeThreeDatums() {
        ByteReader r = new ByteReader(encodedDatums);
        MemComparable.decodeDatum(r);
        MemComparable.decodeDatum(r);
        return MemComparable.decodeDatum(r);
    }
}
