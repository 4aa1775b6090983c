package io.strata.columnstore.kernel;

import io.strata.columnstore.Column;
import io.strata.columnstore.ColumnBatch;
import io.strata.columnstore.ColumnSpec;
import io.strata.spi.codec.MemComparable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * Evaluates a {@link Predicate} over a whole batch, 64 rows at a time. Every node yields two
 * bitmaps, TRUE rows and FALSE rows (a row in neither is UNKNOWN), so three-valued logic is plain
 * word arithmetic: AND is {@code t = t1 & t2, f = f1 | f2}, OR is {@code t = t1 | t2,
 * f = f1 & f2}, NOT swaps them. A comparison starts from the column's validity bitmap (NULL rows
 * are UNKNOWN) and compares the valid rows; integer, decimal (precision ≤ 18) and temporal
 * columns compare as {@code long}s against the literal translated once into the column's own
 * units.
 */
public final class Filter {
    private Filter() {
    }

    /** The rows of {@code batch} for which {@code predicate} is TRUE. */
    public static Selection select(ColumnBatch batch, Predicate predicate) {
        return Selection.ofBits(evaluate(batch, predicate).trueBits);
    }

    /** TRUE and FALSE rows of one predicate node. */
    record Mask(long[] trueBits, long[] falseBits) {
    }

    static Mask evaluate(ColumnBatch batch, Predicate p) {
        int words = (batch.rowCount() + 63) >>> 6;
        if (p instanceof Predicate.Compare c) {
            return compare(batch.column(c.column()), c.op(), c.literal(), words);
        } else if (p instanceof Predicate.IsNull n) {
            return nullness(batch.column(n.column()), words, true);
        } else if (p instanceof Predicate.IsNotNull n) {
            return nullness(batch.column(n.column()), words, false);
        } else if (p instanceof Predicate.Not n) {
            Mask m = evaluate(batch, n.term());
            return new Mask(m.falseBits(), m.trueBits());
        } else if (p instanceof Predicate.And a) {
            return combine(batch, a.terms(), words, true);
        } else {
            return combine(batch, ((Predicate.Or) p).terms(), words, false);
        }
    }

    private static Mask combine(ColumnBatch batch, List<Predicate> terms, int words, boolean and) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("AND/OR of nothing");
        }
        // every node returns fresh arrays, so the first term's can be combined in place
        Mask acc = evaluate(batch, terms.get(0));
        long[] t = acc.trueBits();
        long[] f = acc.falseBits();
        for (int i = 1; i < terms.size(); i++) {
            Mask m = evaluate(batch, terms.get(i));
            long[] mt = m.trueBits();
            long[] mf = m.falseBits();
            for (int w = 0; w < words; w++) {
                if (and) {
                    t[w] &= mt[w];
                    f[w] |= mf[w];
                } else {
                    t[w] |= mt[w];
                    f[w] &= mf[w];
                }
            }
        }
        return new Mask(t, f);
    }

    private static Mask nullness(Column c, int words, boolean wantNull) {
        long[] valid = new long[words];
        long[] invalid = new long[words];
        for (int w = 0; w < words; w++) {
            valid[w] = c.validityWord(w);
            int rowsHere = Math.min(64, c.rowCount() - (w << 6));
            long all = rowsHere == 64 ? -1L : (1L << rowsHere) - 1;
            invalid[w] = all & ~valid[w];
        }
        return wantNull ? new Mask(invalid, valid) : new Mask(valid, invalid);
    }

    private static Mask compare(Column c, Predicate.Op op, Object literal, int words) {
        long[] t = new long[words];
        long[] f = new long[words];
        if (literal == null) {
            return new Mask(t, f);
        }
        ColumnSpec spec = c.spec();
        if (spec.isLongBacked()) {
            LongBound b = LongBound.of(spec, literal);
            compareLongs(c, b, op, t, f);
        } else {
            RowComparator cmp = comparator(c, literal);
            int n = c.rowCount();
            for (int w = 0; w < words; w++) {
                long valid = c.validityWord(w);
                long tw = 0;
                int base = w << 6;
                int end = Math.min(64, n - base);
                for (int j = 0; j < end; j++) {
                    if ((valid & (1L << j)) != 0 && op.accepts(cmp.compare(base + j))) {
                        tw |= 1L << j;
                    }
                }
                t[w] = tw;
                f[w] = valid & ~tw;
            }
        }
        return new Mask(t, f);
    }

    private static void compareLongs(Column c, LongBound b, Predicate.Op op, long[] t, long[] f) {
        boolean lt = op.accepts(-1);
        boolean eq = op.accepts(0);
        boolean gt = op.accepts(1);
        int n = c.rowCount();
        long bound = b.floor;
        for (int w = 0; w < t.length; w++) {
            long valid = c.validityWord(w);
            long tw;
            if (b.constant != 0) {
                tw = (b.constant < 0 ? lt : gt) ? valid : 0;
            } else {
                tw = 0;
                int base = w << 6;
                int end = Math.min(64, n - base);
                for (int j = 0; j < end; j++) {
                    long x = c.getLong(base + j);
                    boolean ok = x < bound ? lt : x > bound ? gt : (b.exact ? eq : lt);
                    if (ok) {
                        tw |= 1L << j;
                    }
                }
                tw &= valid;
            }
            t[w] = tw;
            f[w] = valid & ~tw;
        }
    }

    /**
     * A literal in a long-backed column's units: {@code floor} is the largest column value not
     * above it and {@code exact} says whether it equals the literal (so a value equal to
     * {@code floor} of an inexact literal is below it). {@code constant} is -1 or +1 when every
     * column value is below (above) the literal, which lies outside the long range.
     */
    private record LongBound(long floor, boolean exact, int constant) {
        static LongBound of(ColumnSpec spec, Object literal) {
            return switch (spec.kind()) {
                case INTEGER -> ofNumber(numeric(literal, spec), 0);
                case DECIMAL -> ofNumber(numeric(literal, spec), spec.scale());
                case DATE -> {
                    if (literal instanceof LocalDate d) {
                        yield new LongBound(d.toEpochDay(), true, 0);
                    }
                    LocalDateTime dt = temporal(literal, LocalDateTime.class, spec);
                    yield new LongBound(dt.toLocalDate().toEpochDay(), dt.toLocalTime().equals(LocalTime.MIDNIGHT), 0);
                }
                case DATETIME -> new LongBound(MemComparable.datetimeToMicros(
                        literal instanceof LocalDate d ? d.atStartOfDay() : temporal(literal, LocalDateTime.class, spec)), true, 0);
                case TIME -> new LongBound(temporal(literal, java.time.Duration.class, spec).toNanos() / 1000, true, 0);
                default -> throw new IllegalStateException("not long-backed: " + spec);
            };
        }

        private static LongBound ofNumber(BigDecimal value, int scale) {
            BigDecimal scaled = value.movePointRight(scale);
            BigDecimal floor = scaled.setScale(0, RoundingMode.FLOOR);
            if (floor.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
                return new LongBound(0, false, 1);
            }
            if (floor.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                return new LongBound(0, false, -1);
            }
            return new LongBound(floor.longValueExact(), floor.compareTo(scaled) == 0, 0);
        }
    }

    /** Compares row values of a column that is not long-backed with a fixed literal. */
    private interface RowComparator {
        int compare(int row);
    }

    private static RowComparator comparator(Column c, Object literal) {
        ColumnSpec spec = c.spec();
        return switch (spec.kind()) {
            case DOUBLE -> {
                double d = numeric(literal, spec).doubleValue();
                yield row -> {
                    double x = c.getDouble(row);
                    return x < d ? -1 : x > d ? 1 : 0;
                };
            }
            case DECIMAL -> {
                BigDecimal d = numeric(literal, spec);
                yield row -> c.getBigDecimal(row).compareTo(d);
            }
            case STRING, BINARY -> {
                byte[] b = literal instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                        : literal instanceof byte[] bytes ? bytes : null;
                if (b == null) {
                    throw unsupported(literal, spec);
                }
                yield row -> c.compareBytes(row, b);
            }
            default -> throw new IllegalStateException("long-backed: " + spec);
        };
    }

    /** A numeric literal as an exact decimal (a double at its exact binary value). */
    static BigDecimal numeric(Object literal, ColumnSpec spec) {
        if (literal instanceof BigDecimal d) {
            return d;
        }
        if (literal instanceof Long || literal instanceof Integer || literal instanceof Short || literal instanceof Byte) {
            return BigDecimal.valueOf(((Number) literal).longValue());
        }
        if (literal instanceof Double || literal instanceof Float) {
            double d = ((Number) literal).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw unsupported(literal, spec);
            }
            return new BigDecimal(d);
        }
        if (literal instanceof java.math.BigInteger bi) {
            return new BigDecimal(bi);
        }
        throw unsupported(literal, spec);
    }

    private static <T> T temporal(Object literal, Class<T> type, ColumnSpec spec) {
        if (type.isInstance(literal)) {
            return type.cast(literal);
        }
        throw unsupported(literal, spec);
    }

    private static IllegalArgumentException unsupported(Object literal, ColumnSpec spec) {
        return new IllegalArgumentException("cannot compare " + spec.kind() + " column " + spec.name() + " with a "
                + literal.getClass().getSimpleName() + " (" + literal + ")");
    }
}
