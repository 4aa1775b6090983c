package io.strata.bench.jmh;

import io.strata.columnstore.ColumnBatch;
import io.strata.columnstore.ColumnKind;
import io.strata.columnstore.ColumnSpec;
import io.strata.columnstore.ColumnStore;
import io.strata.columnstore.TableSchema;
import io.strata.columnstore.kernel.AggregateCall;
import io.strata.columnstore.kernel.Aggregation;
import io.strata.columnstore.kernel.Filter;
import io.strata.columnstore.kernel.Predicate;
import io.strata.columnstore.kernel.RowAtATime;
import io.strata.columnstore.kernel.Selection;
import io.strata.spi.codec.RowCodec;
import io.trino.tpch.LineItem;
import io.trino.tpch.TpchTable;
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
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.strata.columnstore.kernel.AggregateCall.Function.AVG;
import static io.strata.columnstore.kernel.AggregateCall.Function.SUM;

/**
 * Filter + aggregate over {@code rows} TPC-H lineitem rows (dbgen's values, from io.trino.tpch),
 * shaped like Q1 (date filter, GROUP BY l_returnflag, l_linestatus, sums, averages and a count)
 * and Q6 (date range, discount BETWEEN, quantity bound, one sum), three ways ({@code impl}):
 * <ul>
 *   <li>{@code arrow}: the column store's kernels on an Arrow batch of the rows (built in setup,
 *       as a learner holds it);</li>
 *   <li>{@code decodedRows}: the same computation row at a time ({@link RowAtATime}) over rows
 *       already decoded into Java values;</li>
 *   <li>{@code encodedRows}: the same, decoding each row from the row format ({@link RowCodec},
 *       all 16 columns stored, the query's columns read) as a row-store scan does.</li>
 * </ul>
 * The answers are the same (checked by BenchmarkArrowScanTest); the report shows each
 * {@code impl}'s time relative to {@code arrow}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
@State(Scope.Benchmark)
public class BenchmarkArrowScan {
    /** The columns the two queries read, with their lineitem column ids (1-based positions). */
    static final TableSchema SCHEMA = new TableSchema(List.of(
            ColumnSpec.decimal(5, "l_quantity", 15, 2),
            ColumnSpec.decimal(6, "l_extendedprice", 15, 2),
            ColumnSpec.decimal(7, "l_discount", 15, 2),
            ColumnSpec.decimal(8, "l_tax", 15, 2),
            ColumnSpec.of(9, "l_returnflag", ColumnKind.STRING),
            ColumnSpec.of(10, "l_linestatus", ColumnKind.STRING),
            ColumnSpec.of(11, "l_shipdate", ColumnKind.DATE)));
    private static final int QTY = 0;
    private static final int PRICE = 1;
    private static final int DISCOUNT = 2;
    private static final int FLAG = 4;
    private static final int STATUS = 5;
    private static final int SHIPDATE = 6;

    static final Predicate Q1_FILTER = Predicate.compare(SHIPDATE, Predicate.Op.LE, LocalDate.of(1998, 9, 2));
    static final int[] Q1_GROUP_BY = {FLAG, STATUS};
    static final List<AggregateCall> Q1_AGGREGATES = List.of(AggregateCall.of(SUM, QTY), AggregateCall.of(SUM, PRICE),
            AggregateCall.of(AVG, QTY), AggregateCall.of(AVG, PRICE), AggregateCall.of(AVG, DISCOUNT), AggregateCall.countStar());
    static final Predicate Q6_FILTER = Predicate.and(
            Predicate.compare(SHIPDATE, Predicate.Op.GE, LocalDate.of(1994, 1, 1)),
            Predicate.compare(SHIPDATE, Predicate.Op.LT, LocalDate.of(1995, 1, 1)),
            Predicate.between(DISCOUNT, new BigDecimal("0.05"), new BigDecimal("0.07")),
            Predicate.compare(QTY, Predicate.Op.LT, 24L));
    static final List<AggregateCall> Q6_AGGREGATES = List.of(AggregateCall.of(SUM, PRICE), AggregateCall.countStar());

    @Param("1000000")
    public int rows;

    @Param({"arrow", "decodedRows", "encodedRows"})
    public String impl;

    private ColumnStore store;
    private ColumnBatch batch;
    private List<Object[]> decoded;
    private List<byte[]> encoded;
    private final RowAtATime rowAtATime = new RowAtATime(SCHEMA);

    @Setup
    public void setup() {
        encoded = lineitemRows(rows);
        int[] ids = SCHEMA.columnIds();
        store = new ColumnStore();
        try (ColumnBatch.Builder b = store.newBatch(SCHEMA)) {
            decoded = new ArrayList<>(rows);
            long handle = 0;
            for (byte[] row : encoded) {
                b.appendEncoded(++handle, row);
                Object[] values = new Object[ids.length];
                RowCodec.decode(row, ids, values);
                decoded.add(values);
            }
            batch = b.build();
        }
    }

    @TearDown
    public void tearDown() {
        batch.close();
        store.close();
    }

    @Benchmark
    public List<Object[]> q1() {
        return run(Q1_FILTER, Q1_GROUP_BY, Q1_AGGREGATES);
    }

    @Benchmark
    public List<Object[]> q6() {
        return run(Q6_FILTER, new int[0], Q6_AGGREGATES);
    }

    List<Object[]> run(Predicate filter, int[] groupBy, List<AggregateCall> aggregates) {
        return switch (impl) {
            case "arrow" -> {
                Selection selected = Filter.select(batch, filter);
                yield Aggregation.aggregate(batch, selected, groupBy, aggregates);
            }
            case "decodedRows" -> rowAtATime.aggregate(decoded, filter, groupBy, aggregates);
            case "encodedRows" -> rowAtATime.aggregate(decoding(encoded, SCHEMA.columnIds()), filter, groupBy, aggregates);
            default -> throw new IllegalArgumentException("impl " + impl);
        };
    }

    /** The rows decoded one by one into a fresh array each, as a row-store scan hands them over. */
    private static Iterable<Object[]> decoding(List<byte[]> encoded, int[] ids) {
        return () -> new Iterator<>() {
            private final Iterator<byte[]> it = encoded.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Object[] next() {
                Object[] values = new Object[ids.length];
                RowCodec.decode(it.next(), ids, values);
                return values;
            }
        };
    }

    /** The first {@code n} lineitem rows of dbgen, all 16 columns in the row format, ids 1..16. */
    static List<byte[]> lineitemRows(int n) {
        int[] ids = new int[16];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i + 1;
        }
        // lineitem has about 6M rows per unit of scale factor; generate just enough
        double sf = Math.max(0.01, Math.ceil(n / 6_000_000.0 * 100 * 1.05) / 100);
        List<byte[]> out = new ArrayList<>(n);
        for (LineItem li : TpchTable.LINE_ITEM.createGenerator(sf, 1, 1)) {
            if (out.size() == n) {
                break;
            }
            out.add(RowCodec.encode(ids, new Object[] {li.getOrderKey(), li.getPartKey(), li.getSupplierKey(),
                    (long) li.getLineNumber(), BigDecimal.valueOf(li.getQuantity()).setScale(2), BigDecimal.valueOf(li.getExtendedPriceInCents(), 2),
                    BigDecimal.valueOf(li.getDiscountPercent(), 2), BigDecimal.valueOf(li.getTaxPercent(), 2), li.getReturnFlag(), li.getStatus(), LocalDate.ofEpochDay(li.getShipDate()),
                    LocalDate.ofEpochDay(li.getCommitDate()), LocalDate.ofEpochDay(li.getReceiptDate()),
                    li.getShipInstructions(), li.getShipMode(), li.getComment()}));
        }
        if (out.size() < n) {
            throw new IllegalStateException("generated " + out.size() + " lineitem rows, wanted " + n);
        }
        return out;
    }
}
