package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.exec.Row;
import io.strata.optimizer.exec.StatementContext;
import io.strata.optimizer.exec.TableAccess;
import io.strata.optimizer.func.MysqlTemporals;
import io.strata.optimizer.func.MysqlValues;
import io.strata.spi.ErrorCode;
import io.strata.spi.kv.Transaction;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Runs one table access for a {@link StrataTableScan}: resolves key values (constants or
 * parameters) for this execution, calls {@code TableAccess}, and converts each stored row to
 * Calcite's internal representation. Immutable and shared by every execution of a cached plan.
 */
public final class ScanOperator {
    private final TableDef table;
    private final AccessPath path;
    private final boolean withRowId;
    private final char[] tags;
    private final int[] scales;
    /** Columns the plan reads (others come back null), or null for all. */
    private final java.util.BitSet columns;
    private final boolean unsignedHandle;

    public ScanOperator(TableDef table, AccessPath path, boolean withRowId) {
        this(table, path, withRowId, null);
    }

    public ScanOperator(TableDef table, AccessPath path, boolean withRowId, java.util.BitSet columns) {
        this.columns = columns;
        this.table = requireNonNull(table, "table is null");
        this.unsignedHandle = table.unsignedHandle();
        this.path = requireNonNull(path, "path is null");
        this.withRowId = withRowId;
        List<ColumnDef> cols = table.columns();
        this.tags = new char[cols.size()];
        this.scales = new int[cols.size()];
        org.apache.calcite.rel.type.RelDataTypeFactory f = new StrataTypeFactory();
        for (int i = 0; i < cols.size(); i++) {
            var t = InternalValues.relType(f, cols.get(i).type(), true);
            tags[i] = InternalValues.tag(t);
            scales[i] = InternalValues.scaleOf(t);
        }
    }

    boolean unsignedHandle() {
        return unsignedHandle;
    }

    /** Called from generated code. */
    public Enumerable<Object[]> scan(DataContext root) {
        StatementContext ctx = (StatementContext) root.get(FunctionBridge.CONTEXT_KEY);
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return new RowEnumerator(ctx, open(ctx));
            }
        };
    }

    private Iterator<Row> open(StatementContext ctx) {
        TableAccess access = ctx.tables();
        Transaction txn = ctx.transaction();
        switch (path.kind()) {
            case FULL_SCAN:
                return access.scan(txn, table, Long.MIN_VALUE, Long.MAX_VALUE, columns);
            case POINT_GET:
            case BATCH_POINT_GET: {
                // sorted: point gets come back in handle order like a scan (the scan's collation)
                Set<Long> handles = new java.util.TreeSet<>();
                for (KeySource k : path.keys()) {
                    Long h = exactHandle(k.value(ctx), unsignedHandle, ctx);
                    if (h != null) {
                        handles.add(h);
                    }
                }
                List<Row> rows = new ArrayList<>();
                for (long h : handles) {
                    Row r = access.get(txn, table, h);
                    if (r != null) {
                        rows.add(r);
                    }
                }
                return rows.iterator();
            }
            case HANDLE_RANGE: {
                BigDecimal[] range = integerRange(ctx, unsignedHandle ? BigDecimal.ZERO : LONG_MIN,
                        unsignedHandle ? MysqlValues.UNSIGNED_MAX : LONG_MAX);
                if (range == null) {
                    return Collections.emptyIterator();
                }
                return access.scan(txn, table, handleOf(range[0], unsignedHandle), handleOf(range[1], unsignedHandle), columns);
            }
            case INDEX_LOOKUP: {
                IndexDef index = path.index();
                List<Object> prefix = prefixValues(ctx);
                if (prefix == null) {
                    return Collections.emptyIterator();
                }
                return access.indexLookup(txn, table, index, prefix);
            }
            case INDEX_RANGE: {
                IndexDef index = path.index();
                List<Object> prefix = prefixValues(ctx);
                if (prefix == null) {
                    return Collections.emptyIterator();
                }
                // a signed integer column (PushDownRule's condition): bounds rounded inward, as for
                // handle ranges; NULLs sort below Long.MIN_VALUE and are not read
                BigDecimal[] range = integerRange(ctx, LONG_MIN, LONG_MAX);
                if (range == null) {
                    return Collections.emptyIterator();
                }
                return access.indexRange(txn, table, index, prefix, range[0].longValue(), true, range[1].longValue(), true);
            }
            case BATCH_INDEX_LOOKUP: {
                IndexDef index = path.index();
                ColumnDef col = table.columns().get(table.columnIndexById(index.columnIds().get(0)));
                java.util.LinkedHashMap<Object, Boolean> distinct = new java.util.LinkedHashMap<>();
                for (KeySource k : path.keys()) {
                    Object v = coerce(k.value(ctx), col.type(), ctx);
                    if (v != null) {
                        distinct.putIfAbsent(v instanceof byte[] b ? java.nio.ByteBuffer.wrap(b) : v, Boolean.TRUE);
                    }
                }
                List<Row> rows = new ArrayList<>();
                for (Object v : distinct.keySet()) {
                    Object key = v instanceof java.nio.ByteBuffer bb ? bb.array() : v;
                    Iterator<Row> it = access.indexLookup(txn, table, index, List.of(key));
                    it.forEachRemaining(rows::add);
                }
                return rows.iterator();
            }
            default:
                throw new IllegalStateException("unknown access path " + path.kind());
        }
    }

    /**
     * The handle of the row whose handle column equals v, or null if no value of the column can
     * (1.5, NULL, beyond the column's range); {@code unsigned} for a BIGINT UNSIGNED handle column.
     */
    static Long exactHandle(Object v, boolean unsigned, StatementContext ctx) {
        if (v instanceof Long l && !unsigned) {
            return l;
        }
        BigDecimal d = boundValue(v, ctx);
        if (d == null || d.stripTrailingZeros().scale() > 0) {
            return null;
        }
        if (d.compareTo(unsigned ? BigDecimal.ZERO : LONG_MIN) < 0 || d.compareTo(unsigned ? MysqlValues.UNSIGNED_MAX : LONG_MAX) > 0) {
            return null;
        }
        return handleOf(d, unsigned);
    }

    /** The handle of an integral value within the handle column's range (see {@code TableDef#handleOf}). */
    private static long handleOf(BigDecimal v, boolean unsigned) {
        return unsigned ? v.toBigInteger().longValue() ^ Long.MIN_VALUE : v.longValueExact();
    }

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /** The path's index prefix values in the columns' types, or null when one can match nothing. */
    private List<Object> prefixValues(StatementContext ctx) {
        List<Object> prefix = new ArrayList<>();
        for (int i = 0; i < path.keys().size(); i++) {
            ColumnDef col = table.columns().get(table.columnIndexById(path.index().columnIds().get(i)));
            Object v = coerce(path.keys().get(i).value(ctx), col.type(), ctx);
            if (v == null) {
                return null;
            }
            prefix.add(v);
        }
        return prefix;
    }

    /**
     * The path's lower/upper bounds as an inclusive integer range within [min, max] (each bound
     * rounded inward), or null when no integer lies in it or a bound is NULL.
     */
    private BigDecimal[] integerRange(StatementContext ctx, BigDecimal min, BigDecimal max) {
        BigDecimal from = min;
        BigDecimal to = max;
        if (path.lower() != null) {
            BigDecimal v = boundValue(path.lower().value(ctx), ctx);
            if (v == null) {
                return null;
            }
            from = path.lowerInclusive() ? v.setScale(0, RoundingMode.CEILING) : v.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE);
        }
        if (path.upper() != null) {
            BigDecimal v = boundValue(path.upper().value(ctx), ctx);
            if (v == null) {
                return null;
            }
            to = path.upperInclusive() ? v.setScale(0, RoundingMode.FLOOR) : v.setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE);
        }
        from = from.max(min);
        to = to.min(max);
        return from.compareTo(to) > 0 ? null : new BigDecimal[]{from, to};
    }

    private static BigDecimal boundValue(Object v, StatementContext ctx) {
        if (v == null) {
            return null;
        }
        if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return null;
        }
        return MysqlValues.toDecimal(v, ctx);
    }

    /**
     * A key value converted to a column's Java type, or null when no stored value can equal it
     * (the lookup then returns nothing; the comparison with NULL is never true either).
     */
    static Object coerce(Object v, ColumnType type, StatementContext ctx) {
        if (v == null) {
            return null;
        }
        var kind = type.kind();
        if (kind.isInteger()) {
            if (v instanceof Long l && !type.unsigned()) {
                return l;
            }
            BigDecimal d = MysqlValues.toDecimal(v, ctx);
            if (d.stripTrailingZeros().scale() > 0) {
                return null;
            }
            if (type.unsigned() && kind == io.strata.optimizer.catalog.TypeKind.BIGINT) {
                // the stored form of BIGINT UNSIGNED: Long up to 2^63-1, BigInteger above
                return d.signum() < 0 || d.compareTo(MysqlValues.UNSIGNED_MAX) > 0 ? null : MysqlValues.unsigned(d.toBigInteger());
            }
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return switch (kind) {
            case DECIMAL -> {
                BigDecimal d = MysqlValues.toDecimal(v, ctx);
                int scale = Math.max(0, type.scale());
                BigDecimal s = d.setScale(Math.max(scale, d.scale()), RoundingMode.UNNECESSARY);
                yield s.stripTrailingZeros().scale() > scale ? null : s.setScale(scale, RoundingMode.UNNECESSARY);
            }
            case FLOAT, DOUBLE -> MysqlValues.toDouble(v, ctx);
            case DATE -> MysqlTemporals.toDate(v, ctx);
            case DATETIME, TIMESTAMP -> MysqlTemporals.toDateTime(v, ctx);
            case TIME -> MysqlTemporals.toTime(v, ctx);
            case BINARY, VARBINARY, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB -> MysqlValues.toBytes(v);
            default -> MysqlValues.toStr(v);
        };
    }

    /** A stored row in Calcite's representation (plus the handle when the table exposes row ids). */
    Object[] toInternalRow(Row r, StatementContext ctx) {
        Object[] values = r.values();
        Object[] out = new Object[tags.length + (withRowId ? 1 : 0)];
        for (int i = 0; i < tags.length; i++) {
            out[i] = InternalValues.toInternal(i < values.length ? values[i] : null, tags[i], scales[i], ctx);
        }
        if (withRowId) {
            out[tags.length] = r.handle();
        }
        return out;
    }

    int width() {
        return tags.length + (withRowId ? 1 : 0);
    }

    private final class RowEnumerator implements Enumerator<Object[]> {
        private final StatementContext ctx;
        private final Iterator<Row> rows;
        private Object[] current;

        RowEnumerator(StatementContext ctx, Iterator<Row> rows) {
            this.ctx = ctx;
            this.rows = rows;
        }

        @Override
        public Object[] current() {
            return current;
        }

        @Override
        public boolean moveNext() {
            if (ctx.isCancelled()) {
                throw ErrorCode.QUERY_INTERRUPTED.error();
            }
            if (!rows.hasNext()) {
                return false;
            }
            current = toInternalRow(rows.next(), ctx);
            return true;
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException("reset");
        }

        @Override
        public void close() {
            if (rows instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw ErrorCode.STORAGE_ERROR.error(e.getMessage());
                }
            }
        }
    }
}
