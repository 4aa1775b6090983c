package io.strata.columnstore.kernel;

import io.strata.columnstore.Column;
import io.strata.columnstore.ColumnBatch;
import io.strata.columnstore.ColumnKind;
import io.strata.columnstore.ColumnSpec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hash aggregation over the selected rows of a batch. First every selected row gets a dense
 * group id: the key columns are turned into {@code long} codes a chunk of rows at a time (the
 * value itself for long-backed columns, the bits of a double with -0.0 folded into 0.0, a
 * dictionary code for strings and wide decimals, and one bit per key column for NULL, so NULLs
 * form their own group as in SQL), and a {@link GroupTable} maps each code tuple to its group.
 * Then each aggregate runs as one loop over the rows into per-group arrays: sums of integers and
 * narrow decimals in 128-bit integers (two longs), so they are exact without a BigDecimal per
 * row. Without GROUP BY there is exactly one output row, also over no rows.
 */
public final class Aggregation {
    private static final int CHUNK = 1024;
    /** Key columns of one GROUP BY: their NULL bits share one long of the group key. */
    public static final int MAX_KEYS = 63;

    private Aggregation() {
    }

    /**
     * One row per group: the group-by key values (in {@code groupBy} order), then the aggregate
     * results (in {@code calls} order). Groups come in order of their first row.
     */
    public static List<Object[]> aggregate(ColumnBatch batch, Selection selection, int[] groupBy, List<AggregateCall> calls) {
        if (groupBy.length > MAX_KEYS) {
            throw new IllegalArgumentException("GROUP BY on more than " + MAX_KEYS + " columns");
        }
        int n = selection.count();
        int[] rows = selection.rowArray();
        int[] groupIds = new int[n];
        int[] firstRows;
        int groups;
        if (groupBy.length == 0) {
            groups = 1;
            firstRows = new int[] {-1};
        } else {
            GroupIds g = assignGroups(batch, groupBy, rows, n, groupIds);
            groups = g.count;
            firstRows = g.firstRows;
        }
        List<Accumulator> accs = new ArrayList<>();
        for (AggregateCall call : calls) {
            Accumulator acc = accumulator(batch, call, groups);
            acc.add(rows, n, groupIds);
            accs.add(acc);
        }
        List<Object[]> out = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            Object[] row = new Object[groupBy.length + calls.size()];
            for (int k = 0; k < groupBy.length; k++) {
                row[k] = batch.column(groupBy[k]).value(firstRows[g]);
            }
            for (int a = 0; a < accs.size(); a++) {
                row[groupBy.length + a] = accs.get(a).result(g);
            }
            out.add(row);
        }
        return out;
    }

    private record GroupIds(int count, int[] firstRows) {
    }

    private static GroupIds assignGroups(ColumnBatch batch, int[] groupBy, int[] rows, int n, int[] groupIds) {
        int width = groupBy.length + 1;
        KeyCoder[] coders = new KeyCoder[groupBy.length];
        for (int k = 0; k < groupBy.length; k++) {
            coders[k] = new KeyCoder(batch.column(groupBy[k]), k);
        }
        GroupTable table = new GroupTable(width);
        long[] keys = new long[CHUNK * width];
        int[] firstRows = new int[16];
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            Arrays.fill(keys, 0, len * width, 0L);
            for (KeyCoder coder : coders) {
                coder.encode(rows, from, len, keys, width);
            }
            for (int i = 0; i < len; i++) {
                int before = table.size();
                int g = table.add(keys, i * width);
                groupIds[from + i] = g;
                if (table.size() > before) {
                    if (g == firstRows.length) {
                        firstRows = Arrays.copyOf(firstRows, g * 2);
                    }
                    firstRows[g] = rows[from + i];
                }
            }
        }
        return new GroupIds(table.size(), firstRows);
    }

    /** Writes one key column's codes (slot {@code k}) and NULL bit (last slot) for a chunk of rows. */
    private static final class KeyCoder {
        private final Column column;
        private final int slot;
        private final BytesDictionary bytes;
        private final Map<BigDecimal, Integer> decimals;

        KeyCoder(Column column, int slot) {
            this.column = column;
            this.slot = slot;
            ColumnKind kind = column.spec().kind();
            this.bytes = kind == ColumnKind.STRING || kind == ColumnKind.BINARY ? new BytesDictionary() : null;
            this.decimals = kind == ColumnKind.DECIMAL && !column.spec().isLongBacked() ? new HashMap<>() : null;
        }

        void encode(int[] rows, int from, int len, long[] keys, int width) {
            boolean longBacked = column.spec().isLongBacked();
            boolean isDouble = column.spec().kind() == ColumnKind.DOUBLE;
            boolean nulls = column.hasNulls();
            for (int i = 0; i < len; i++) {
                int row = rows[from + i];
                int at = i * width;
                if (nulls && column.isNull(row)) {
                    keys[at + width - 1] |= 1L << slot;
                } else if (longBacked) {
                    keys[at + slot] = column.getLong(row);
                } else if (isDouble) {
                    double d = column.getDouble(row);
                    keys[at + slot] = Double.doubleToLongBits(d == 0.0 ? 0.0 : d);
                } else if (bytes != null) {
                    keys[at + slot] = bytes.code(column, row);
                } else {
                    keys[at + slot] = decimals.computeIfAbsent(column.getBigDecimal(row), d -> decimals.size());
                }
            }
        }
    }

    private static Accumulator accumulator(ColumnBatch batch, AggregateCall call, int groups) {
        if (call.column() == AggregateCall.STAR) {
            return new Count(null, groups);
        }
        Column c = batch.column(call.column());
        ColumnSpec spec = c.spec();
        return switch (call.function()) {
            case COUNT -> new Count(c, groups);
            case MIN -> new MinMax(c, groups, false);
            case MAX -> new MinMax(c, groups, true);
            case SUM, AVG -> {
                boolean avg = call.function() == AggregateCall.Function.AVG;
                if (spec.kind() == ColumnKind.DOUBLE) {
                    yield new DoubleSum(c, groups, avg);
                }
                if (spec.kind() != ColumnKind.INTEGER && spec.kind() != ColumnKind.DECIMAL) {
                    throw new IllegalArgumentException(call.function() + " of " + spec.kind() + " column " + spec.name()
                            + " is not supported");
                }
                yield spec.isLongBacked() ? new LongSum(c, groups, avg) : new DecimalSum(c, groups, avg);
            }
        };
    }

    /** Per-group state of one aggregate, filled by one loop over the selected rows. */
    private abstract static class Accumulator {
        final Column column;
        /** Non-NULL inputs per group (all inputs for COUNT(*)). */
        final long[] counts;

        Accumulator(Column column, int groups) {
            this.column = column;
            this.counts = new long[groups];
        }

        abstract void add(int[] rows, int n, int[] groupIds);

        abstract Object result(int group);

        static BigDecimal average(BigDecimal sum, long count, int scale) {
            return sum.divide(BigDecimal.valueOf(count), scale + 4, RoundingMode.HALF_UP);
        }
    }

    private static final class Count extends Accumulator {
        Count(Column column, int groups) {
            super(column, groups);
        }

        @Override
        void add(int[] rows, int n, int[] groupIds) {
            boolean nulls = column != null && column.hasNulls();
            for (int i = 0; i < n; i++) {
                if (!nulls || !column.isNull(rows[i])) {
                    counts[groupIds[i]]++;
                }
            }
        }

        @Override
        Object result(int group) {
            return counts[group];
        }
    }

    /** SUM/AVG of integers and narrow decimals as a 128-bit two's-complement sum (hi:lo). */
    private static final class LongSum extends Accumulator {
        private final long[] lo;
        private final long[] hi;
        private final boolean avg;

        LongSum(Column column, int groups, boolean avg) {
            super(column, groups);
            this.lo = new long[groups];
            this.hi = new long[groups];
            this.avg = avg;
        }

        @Override
        void add(int[] rows, int n, int[] groupIds) {
            boolean nulls = column.hasNulls();
            for (int i = 0; i < n; i++) {
                int row = rows[i];
                if (nulls && column.isNull(row)) {
                    continue;
                }
                int g = groupIds[i];
                long v = column.getLong(row);
                long sum = lo[g] + v;
                // carry out of the low word, adding v as unsigned; v's sign extends into the high word
                long carry = Long.compareUnsigned(sum, lo[g]) < 0 ? 1 : 0;
                hi[g] += (v >> 63) + carry;
                lo[g] = sum;
                counts[g]++;
            }
        }

        @Override
        Object result(int group) {
            if (counts[group] == 0) {
                return null;
            }
            BigInteger unscaled = BigInteger.valueOf(hi[group]).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo[group])));
            int scale = column.spec().kind() == ColumnKind.DECIMAL ? column.spec().scale() : 0;
            BigDecimal sum = new BigDecimal(unscaled, scale);
            return avg ? average(sum, counts[group], scale) : sum;
        }
    }

    private static final class DecimalSum extends Accumulator {
        private final BigDecimal[] sums;
        private final boolean avg;

        DecimalSum(Column column, int groups, boolean avg) {
            super(column, groups);
            this.sums = new BigDecimal[groups];
            Arrays.fill(sums, BigDecimal.ZERO.setScale(column.spec().scale()));
            this.avg = avg;
        }

        @Override
        void add(int[] rows, int n, int[] groupIds) {
            for (int i = 0; i < n; i++) {
                int row = rows[i];
                if (!column.isNull(row)) {
                    int g = groupIds[i];
                    sums[g] = sums[g].add(column.getBigDecimal(row));
                    counts[g]++;
                }
            }
        }

        @Override
        Object result(int group) {
            if (counts[group] == 0) {
                return null;
            }
            return avg ? average(sums[group], counts[group], column.spec().scale()) : sums[group];
        }
    }

    private static final class DoubleSum extends Accumulator {
        private final double[] sums;
        private final boolean avg;

        DoubleSum(Column column, int groups, boolean avg) {
            super(column, groups);
            this.sums = new double[groups];
            this.avg = avg;
        }

        @Override
        void add(int[] rows, int n, int[] groupIds) {
            for (int i = 0; i < n; i++) {
                int row = rows[i];
                if (!column.isNull(row)) {
                    int g = groupIds[i];
                    sums[g] += column.getDouble(row);
                    counts[g]++;
                }
            }
        }

        @Override
        Object result(int group) {
            if (counts[group] == 0) {
                return null;
            }
            return avg ? sums[group] / counts[group] : sums[group];
        }
    }

    /** MIN/MAX of any kind: the row holding the best value so far, per group (ties keep the first). */
    private static final class MinMax extends Accumulator {
        private final int[] best;
        private final long[] bestLong;
        private final boolean max;

        MinMax(Column column, int groups, boolean max) {
            super(column, groups);
            this.best = new int[groups];
            Arrays.fill(best, -1);
            this.bestLong = column.spec().isLongBacked() ? new long[groups] : null;
            this.max = max;
        }

        @Override
        void add(int[] rows, int n, int[] groupIds) {
            boolean longBacked = bestLong != null;
            for (int i = 0; i < n; i++) {
                int row = rows[i];
                if (column.isNull(row)) {
                    continue;
                }
                int g = groupIds[i];
                counts[g]++;
                if (longBacked) {
                    long v = column.getLong(row);
                    if (best[g] < 0 || (max ? v > bestLong[g] : v < bestLong[g])) {
                        best[g] = row;
                        bestLong[g] = v;
                    }
                } else if (best[g] < 0 || (max ? compare(row, best[g]) > 0 : compare(row, best[g]) < 0)) {
                    best[g] = row;
                }
            }
        }

        private int compare(int row, int other) {
            return switch (column.spec().kind()) {
                case DOUBLE -> {
                    double a = column.getDouble(row);
                    double b = column.getDouble(other);
                    yield a < b ? -1 : a > b ? 1 : 0;
                }
                case STRING, BINARY -> column.compareBytes(row, other);
                default -> column.getBigDecimal(row).compareTo(column.getBigDecimal(other));
            };
        }

        @Override
        Object result(int group) {
            return best[group] < 0 ? null : column.value(best[group]);
        }
    }
}
