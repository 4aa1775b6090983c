package io.strata.columnstore.kernel;

import io.strata.columnstore.ColumnBatch;
import io.strata.columnstore.ColumnKind;
import io.strata.columnstore.ColumnSpec;
import io.strata.columnstore.ColumnStore;
import io.strata.columnstore.TableSchema;
import io.strata.spi.codec.RowCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.strata.columnstore.TestRows.SCHEMA;
import static io.strata.columnstore.TestRows.randomRows;
import static io.strata.columnstore.TestRows.render;
import static io.strata.columnstore.TestRows.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The vectorised kernels against {@link RowAtATime} on random rows of every column kind with
 * NULLs ({@link io.strata.columnstore.TestRows}), built from Strata's row format. The row count is
 * not a multiple of 64, so the last bitmap word is partial. Every batch is closed and the store must end with nothing allocated.
 */
class KernelsTest {
    static final int ROWS = 3001;

    private ColumnStore store;
    private final List<ColumnBatch> open = new ArrayList<>();

    @BeforeEach
    void openStore() {
        store = new ColumnStore();
    }

    @AfterEach
    void closeStore() {
        open.forEach(ColumnBatch::close);
        assertEquals(0, store.allocatedBytes(), "every vector closed");
        store.close();
    }

    private ColumnBatch batchOf(List<Object[]> rows) {
        int[] ids = SCHEMA.columnIds();
        try (ColumnBatch.Builder b = store.newBatch(SCHEMA)) {
            long handle = 0;
            for (Object[] row : rows) {
                b.appendEncoded(++handle, RowCodec.encode(ids, row));
            }
            ColumnBatch batch = b.build();
            open.add(batch);
            return batch;
        }
    }

    /** A literal for column {@code c}, from its domain or just off it (2.5 against integers, a datetime against a date). */
    static Object literal(Random r, int c) {
        Object[] sample = randomRows(r, 1).get(0);
        return switch (c) {
            case 0 -> r.nextBoolean() ? sample[0] : BigDecimal.valueOf(r.nextInt(41) - 20, 1);
            case 1 -> r.nextBoolean() ? sample[1] : r.nextBoolean() ? BigDecimal.valueOf(r.nextInt(20001) - 10000, 3) : (long) r.nextInt(21) - 10;
            case 3 -> r.nextBoolean() ? sample[3] : (long) r.nextInt(5) - 2;
            case 6 -> r.nextBoolean() ? sample[6] : LocalDateTime.of(1995, 1, 1 + r.nextInt(10), r.nextInt(2), 0);
            case 7 -> r.nextBoolean() ? sample[7] : LocalDate.of(2020, 5, 1);
            default -> r.nextInt(12) == 0 ? null : sample[c];
        };
    }

    static Predicate randomPredicate(Random r, int depth) {
        int pick = depth == 0 ? r.nextInt(3) : r.nextInt(7);
        int c = r.nextInt(SCHEMA.size());
        return switch (pick) {
            case 0, 1 -> Predicate.compare(c, Predicate.Op.values()[r.nextInt(6)], literal(r, c));
            case 2 -> r.nextBoolean() ? new Predicate.IsNull(c) : new Predicate.IsNotNull(c);
            case 3, 4 -> Predicate.and(randomPredicate(r, depth - 1), randomPredicate(r, depth - 1), randomPredicate(r, depth - 1));
            case 5 -> Predicate.or(randomPredicate(r, depth - 1), randomPredicate(r, depth - 1));
            default -> new Predicate.Not(randomPredicate(r, depth - 1));
        };
    }

    @Test
    void rowsRoundTripThroughTheRowFormat() {
        List<Object[]> rows = randomRows(new Random(1), ROWS);
        ColumnBatch batch = batchOf(rows);
        assertEquals(ROWS, batch.rowCount());
        assertEquals(ROWS, batch.root().getRowCount());
        for (int r = 0; r < ROWS; r++) {
            assertEquals(r + 1, batch.handle(r));
            for (int c = 0; c < SCHEMA.size(); c++) {
                assertEquals(render(rows.get(r)[c]), render(batch.column(c).value(r)), "row " + r + " column " + c);
            }
        }
        assertEquals("Decimal(15, 2, 128)", batch.root().getVector("d").getField().getType().toString());
        assertEquals("Decimal(30, 4, 128)", batch.root().getVector("wide").getField().getType().toString());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void filterMatchesRowAtATime(long seed) {
        Random r = new Random(seed);
        List<Object[]> rows = randomRows(r, ROWS);
        ColumnBatch batch = batchOf(rows);
        RowAtATime reference = new RowAtATime(SCHEMA);
        for (int k = 0; k < 200; k++) {
            Predicate p = randomPredicate(r, 3);
            List<Integer> expected = new ArrayList<>();
            for (int row = 0; row < ROWS; row++) {
                if (Boolean.TRUE.equals(reference.test(p, rows.get(row)))) {
                    expected.add(row);
                }
            }
            assertEquals(expected, Arrays.stream(Filter.select(batch, p).rows()).boxed().toList(), p.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void aggregateMatchesRowAtATime(long seed) {
        Random r = new Random(seed);
        List<Object[]> rows = randomRows(r, ROWS);
        ColumnBatch batch = batchOf(rows);
        RowAtATime reference = new RowAtATime(SCHEMA);
        List<AggregateCall> calls = new ArrayList<>(List.of(AggregateCall.countStar()));
        for (int c = 0; c < SCHEMA.size(); c++) {
            for (AggregateCall.Function f : AggregateCall.Function.values()) {
                boolean numeric = c <= 3;
                if (numeric || f == AggregateCall.Function.COUNT || f == AggregateCall.Function.MIN || f == AggregateCall.Function.MAX) {
                    calls.add(AggregateCall.of(f, c));
                }
            }
        }
        for (int k = 0; k < 12; k++) {
            int[] groupBy = r.ints(r.nextInt(4), 0, SCHEMA.size()).toArray();
            Predicate p = r.nextInt(4) == 0 ? null : randomPredicate(r, 2);
            Selection sel = p == null ? Selection.all(ROWS) : Filter.select(batch, p);
            List<String> expected = sorted(reference.aggregate(rows, p, groupBy, calls));
            List<String> actual = sorted(Aggregation.aggregate(batch, sel, groupBy, calls));
            assertEquals(expected, actual, "group by " + Arrays.toString(groupBy) + " where " + p);
        }
    }

    @Test
    void aggregatesOfNothing() {
        ColumnBatch batch = batchOf(randomRows(new Random(7), 100));
        Selection none = Filter.select(batch, Predicate.compare(0, Predicate.Op.GT, 1000L));
        assertEquals(0, none.count());
        List<AggregateCall> calls = List.of(AggregateCall.countStar(), AggregateCall.of(AggregateCall.Function.SUM, 1),
                AggregateCall.of(AggregateCall.Function.AVG, 0), AggregateCall.of(AggregateCall.Function.MAX, 4));
        assertEquals(List.of("0|NULL|NULL|NULL"), sorted(Aggregation.aggregate(batch, none, new int[0], calls)));
        assertEquals(List.of(), Aggregation.aggregate(batch, none, new int[] {4}, calls));
    }

    @Test
    void integerSumsAreExactPastTheLongRange() {
        List<Object[]> rows = new ArrayList<>();
        for (int k = 0; k < 200; k++) {
            Object[] row = new Object[SCHEMA.size()];
            row[0] = k % 3 == 0 ? Long.MIN_VALUE + k : Long.MAX_VALUE - k;
            rows.add(row);
        }
        ColumnBatch batch = batchOf(rows);
        List<AggregateCall> calls = List.of(AggregateCall.of(AggregateCall.Function.SUM, 0), AggregateCall.of(AggregateCall.Function.AVG, 0),
                AggregateCall.of(AggregateCall.Function.MIN, 0));
        List<String> expected = sorted(new RowAtATime(SCHEMA).aggregate(rows, null, new int[0], calls));
        assertEquals(expected, sorted(Aggregation.aggregate(batch, Selection.all(200), new int[0], calls)));
        // an integer column against literals beyond the long range
        assertEquals(200, Filter.select(batch, Predicate.compare(0, Predicate.Op.LT, new BigDecimal("1e30"))).count());
        assertEquals(200, Filter.select(batch, Predicate.compare(0, Predicate.Op.GT, new BigDecimal("-1e30"))).count());
        assertEquals(0, Filter.select(batch, Predicate.compare(0, Predicate.Op.EQ, new BigDecimal("-1e30"))).count());
    }

    @Test
    void projectionCopiesSelectedRowsOfSomeColumns() {
        List<Object[]> rows = randomRows(new Random(9), ROWS);
        ColumnBatch batch = batchOf(rows);
        Selection sel = Filter.select(batch, Predicate.or(new Predicate.IsNull(0), Predicate.compare(4, Predicate.Op.GE, "b")));
        int[] columns = {4, 1, 2, 7};
        ColumnBatch projected = Projection.project(batch, sel, columns);
        open.add(projected);
        assertEquals(sel.count(), projected.rowCount());
        assertEquals(List.of("s", "d", "wide", "ts"), projected.schema().columns().stream().map(ColumnSpec::name).toList());
        for (int i = 0; i < sel.count(); i++) {
            assertEquals(sel.row(i) + 1, projected.handle(i));
            for (int k = 0; k < columns.length; k++) {
                assertEquals(render(rows.get(sel.row(i))[columns[k]]), render(projected.column(k).value(i)));
            }
        }
    }

    @Test
    void columnsMissingFromOlderRowsGetTheirDefault() {
        TableSchema newer = new TableSchema(List.of(ColumnSpec.of(1, "id", ColumnKind.INTEGER),
                new ColumnSpec(5, "added", ColumnKind.STRING, 0, 0, "dflt")));
        try (ColumnBatch.Builder b = store.newBatch(newer)) {
            b.appendEncoded(1, RowCodec.encode(new int[] {1, 2}, new Object[] {7L, "dropped"}));
            b.appendEncoded(2, RowCodec.encode(new int[] {1, 5}, new Object[] {8L, null}));
            try (ColumnBatch batch = b.build()) {
                assertEquals("dflt", batch.column(1).value(0));
                assertEquals(null, batch.column(1).value(1));
                assertEquals(8L, batch.column(0).value(1));
            }
        }
    }

    @Test
    void wideDecimalsUse256BitVectorsAndBadInputIsRejected() {
        TableSchema s = new TableSchema(List.of(ColumnSpec.decimal(1, "x", 65, 30), ColumnSpec.of(2, "d", ColumnKind.DATE)));
        try (ColumnBatch.Builder b = store.newBatch(s)) {
            BigDecimal big = new BigDecimal("12345678901234567890123456789012345.123456789012345678901234567890");
            b.append(1, new Object[] {big, LocalDate.of(2000, 1, 1)});
            b.append(2, new Object[] {big.negate(), null});
            try (ColumnBatch batch = b.build()) {
                assertEquals("Decimal(65, 30, 256)", batch.root().getVector("x").getField().getType().toString());
                assertEquals(big, batch.column(0).value(0));
                assertEquals(List.of("2|" + big.add(big.negate()).toPlainString() + "|" + big.toPlainString()),
                        sorted(Aggregation.aggregate(batch, Selection.all(2), new int[0], List.of(AggregateCall.countStar(),
                                AggregateCall.of(AggregateCall.Function.SUM, 0), AggregateCall.of(AggregateCall.Function.MAX, 0)))));
                assertThrows(IllegalArgumentException.class, () -> Filter.select(batch, Predicate.compare(1, Predicate.Op.EQ, 5L)));
                assertThrows(IllegalArgumentException.class, () -> Aggregation.aggregate(batch, Selection.all(2), new int[0],
                        List.of(AggregateCall.of(AggregateCall.Function.SUM, 1))));
            }
            assertThrows(IllegalStateException.class, () -> b.append(3, new Object[2]));
        }
        try (ColumnBatch.Builder b = store.newBatch(s)) {
            assertThrows(IllegalArgumentException.class, () -> b.append(1, new Object[] {"text", null}));
        }
    }
}
