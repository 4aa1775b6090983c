package io.strata.bench.jmh;

import io.strata.spi.codec.RowCodec;
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
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

/**
 * The row value codec (spi RowCodec, column ids + typed values) on two shapes: a sysbench
 * {@code sbtest} row (id, k, c CHAR(120), pad CHAR(60)) and a 16-column TPC-H lineitem row with
 * decimals and dates. Decoding all columns and decoding the two a query projects are measured
 * separately, because a scan decodes only what it needs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED"})
@State(Scope.Thread)
public class BenchmarkRowCodec {
    private int[] sbIds;
    private Object[] sbValues;
    private byte[] sbEncoded;
    private int[] liIds;
    private Object[] liValues;
    private byte[] liEncoded;
    private final int[] twoIds = {6, 7};
    private final Object[] twoOut = new Object[2];
    private Object[] sbOut;
    private Object[] liOut;

    @Setup
    public void setup() {
        sbIds = new int[] {1, 2, 3, 4};
        sbValues = new Object[] {123_456L, 499_871L,
                "68487932199-96439406143-93774651418-41631865787-96406072701-20604855487-25459966574-28203206787-41238978918-19503783441",
                "22195207048-70116052123-74140395089-76317954521-98694025897"};
        sbEncoded = RowCodec.encode(sbIds, sbValues);
        liIds = new int[16];
        for (int i = 0; i < 16; i++) {
            liIds[i] = i + 1;
        }
        liValues = new Object[] {1L, 155_190L, 7_706L, 1L, new BigDecimal("17.00"), new BigDecimal("21168.23"),
                new BigDecimal("0.04"), new BigDecimal("0.02"), "N", "O", LocalDate.of(1996, 3, 13), LocalDate.of(1996, 2, 12),
                LocalDate.of(1996, 3, 22), "DELIVER IN PERSON", "TRUCK", "egular courts above the"};
        liEncoded = RowCodec.encode(liIds, liValues);
        sbOut = new Object[sbIds.length];
        liOut = new Object[liIds.length];
    }

    @Benchmark
    public byte[] encodeSysbenchRow() {
        return RowCodec.encode(sbIds, sbValues);
    }

    @Benchmark
    public Object[] decodeSysbenchRow() {
        RowCodec.decode(sbEncoded, sbIds, sbOut);
        return sbOut;
    }

    @Benchmark
    public byte[] encodeLineitemRow() {
        return RowCodec.encode(liIds, liValues);
    }

    @Benchmark
    public Object[] decodeLineitemRow() {
        RowCodec.decode(liEncoded, liIds, liOut);
        return liOut;
    }

    @Benchmark
    public Object[] decodeLineitemTwoColumns() {
        RowCodec.decode(liEncoded, twoIds, twoOut);
        return twoOut;
    }
}
