package io.strata.columnstore.kernel;

import io.strata.columnstore.ColumnKind;
import io.strata.columnstore.ColumnSpec;
import io.strata.columnstore.TableSchema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same filter and aggregation semantics as the vectorised kernels, evaluated the plain way:
 * one row of Java values at a time ({@link ColumnKind} gives the types), with {@code BigDecimal}
 * arithmetic and a {@code HashMap} of groups. It is what the kernels are tested against, and the
 * baseline the Arrow scan benchmark compares with: what a row store's executor does with decoded
 * rows.
 */
public final class RowAtATime {
    private final TableSchema schema;

    public RowAtATime(TableSchema schema) {
        this.schema = schema;
    }

    /** TRUE, FALSE, or null for UNKNOWN. */
    public Boolean test(Predicate p, Object[] row) {
        if (p instanceof Predicate.Compare c) {
            Object v = row[c.column()];
            if (v == null || c.literal() == null) {
                return null;
            }
            return c.op().accepts(compare(schema.column(c.column()), v, c.literal()));
        } else if (p instanceof Predicate.IsNull n) {
            return row[n.column()] == null;
        } else if (p instanceof Predicate.IsNotNull n) {
            return row[n.column()] != null;
        } else if (p instanceof Predicate.Not n) {
            Boolean b = test(n.term(), row);
            return b == null ? null : !b;
        } else {
            boolean and = p instanceof Predicate.And;
            List<Predicate> terms = and ? ((Predicate.And) p).terms() : ((Predicate.Or) p).terms();
            Boolean acc = and;
            for (Predicate t : terms) {
                Boolean b = test(t, row);
                if (b != null && b != and) {
                    return b;
                }
                if (b == null) {
                    acc = null;
                }
            }
            return acc;
        }
    }

    /** Column value against literal, both non-null. */
    private static int compare(ColumnSpec spec, Object v, Object literal) {
        return switch (spec.kind()) {
            case INTEGER, DECIMAL -> toDecimal(v).compareTo(toDecimal(literal));
            case DOUBLE -> {
                double a = ((Number) v).doubleValue();
                double b = toDecimal(literal).doubleValue();
                yield a < b ? -1 : a > b ? 1 : 0;
            }
            case STRING, BINARY -> Arrays.compareUnsigned(bytes(v), bytes(literal));
            case DATE -> literal instanceof LocalDate d ? ((LocalDate) v).compareTo(d)
                    : ((LocalDate) v).atStartOfDay().compareTo((LocalDateTime) literal);
            case DATETIME -> ((LocalDateTime) v).compareTo(literal instanceof LocalDate d ? d.atStartOfDay() : (LocalDateTime) literal);
            case TIME -> ((java.time.Duration) v).compareTo((java.time.Duration) literal);
        };
    }

    private static BigDecimal toDecimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double || v instanceof Float) {
            return new BigDecimal(((Number) v).doubleValue());
        }
        return new BigDecimal(v.toString());
    }

    private static byte[] bytes(Object v) {
        return v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) v;
    }

    /** Filter, then GROUP BY {@code groupBy} with {@code calls}, in the shape {@link Aggregation} returns. */
    public List<Object[]> aggregate(Iterable<Object[]> rows, Predicate filter, int[] groupBy, List<AggregateCall> calls) {
        Map<List<Object>, Object[]> groups = new LinkedHashMap<>();
        for (Object[] row : rows) {
            if (filter != null && !Boolean.TRUE.equals(test(filter, row))) {
                continue;
            }
            List<Object> key = new ArrayList<>(groupBy.length);
            for (int k : groupBy) {
                key.add(groupKey(row[k]));
            }
            Object[] state = groups.computeIfAbsent(key, k -> newState(row, groupBy, calls));
            for (int a = 0; a < calls.size(); a++) {
                accumulate((State) state[groupBy.length + a], calls.get(a), row);
            }
        }
        if (groupBy.length == 0 && groups.isEmpty()) {
            groups.put(List.of(), newState(null, groupBy, calls));
        }
        List<Object[]> out = new ArrayList<>();
        for (Object[] state : groups.values()) {
            Object[] result = state.clone();
            for (int a = 0; a < calls.size(); a++) {
                result[groupBy.length + a] = finish((State) state[groupBy.length + a], calls.get(a));
            }
            out.add(result);
        }
        return out;
    }

    /** A value as a group key: byte arrays by content, -0.0 as 0.0. */
    private static Object groupKey(Object v) {
        if (v instanceof byte[] b) {
            return ByteBuffer.wrap(b);
        }
        if (v instanceof Double d && d == 0.0) {
            return 0.0;
        }
        return v;
    }

    private static final class State {
        long count;
        BigDecimal sum = BigDecimal.ZERO;
        double doubleSum;
        Object best;
    }

    private static Object[] newState(Object[] row, int[] groupBy, List<AggregateCall> calls) {
        Object[] state = new Object[groupBy.length + calls.size()];
        for (int k = 0; k < groupBy.length; k++) {
            state[k] = row[groupBy[k]];
        }
        for (int a = 0; a < calls.size(); a++) {
            state[groupBy.length + a] = new State();
        }
        return state;
    }

    private void accumulate(State s, AggregateCall call, Object[] row) {
        if (call.column() == AggregateCall.STAR) {
            s.count++;
            return;
        }
        Object v = row[call.column()];
        if (v == null) {
            return;
        }
        s.count++;
        ColumnSpec spec = schema.column(call.column());
        switch (call.function()) {
            case SUM, AVG -> {
                if (spec.kind() == ColumnKind.DOUBLE) {
                    s.doubleSum += (Double) v;
                } else if (spec.kind() == ColumnKind.INTEGER || spec.kind() == ColumnKind.DECIMAL) {
                    s.sum = s.sum.add(toDecimal(v));
                } else {
                    throw new IllegalArgumentException(call.function() + " of " + spec.kind() + " is not supported");
                }
            }
            case MIN, MAX -> {
                if (s.best == null) {
                    s.best = v;
                } else {
                    int c = compare(spec, v, s.best);
                    if (call.function() == AggregateCall.Function.MAX ? c > 0 : c < 0) {
                        s.best = v;
                    }
                }
            }
            case COUNT -> {
            }
        }
    }

    private Object finish(State s, AggregateCall call) {
        if (call.function() == AggregateCall.Function.COUNT) {
            return s.count;
        }
        if (s.count == 0) {
            return null;
        }
        ColumnSpec spec = schema.column(call.column());
        int scale = spec.kind() == ColumnKind.DECIMAL ? spec.scale() : 0;
        return switch (call.function()) {
            case SUM -> spec.kind() == ColumnKind.DOUBLE ? (Object) s.doubleSum : s.sum.setScale(scale);
            case AVG -> spec.kind() == ColumnKind.DOUBLE ? (Object) (s.doubleSum / s.count)
                    : s.sum.divide(BigDecimal.valueOf(s.count), scale + 4, RoundingMode.HALF_UP);
            default -> s.best;
        };
    }
}
