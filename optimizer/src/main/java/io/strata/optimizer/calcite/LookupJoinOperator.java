package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.exec.Row;
import io.strata.optimizer.exec.StatementContext;
import io.strata.spi.ErrorCode;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Runs a {@link StrataLookupJoin}: for each outer row, reads the matching inner rows by key —
 * a point get on the handle or an index lookup — instead of scanning the inner table (TiDB's
 * IndexJoin). Immutable and shared by executions of a cached plan.
 */
public final class LookupJoinOperator {
    private final TableDef table;
    private final IndexDef index;
    private final List<KeySource> constants;
    private final int[] outerKeys;
    private final char[] outerKeyTags;
    private final boolean leftOuter;
    private final ScanOperator rows;

    LookupJoinOperator(TableDef table, IndexDef index, List<KeySource> constants, int[] outerKeys, char[] outerKeyTags,
                       boolean leftOuter, boolean withRowId) {
        this.table = requireNonNull(table, "table is null");
        this.index = index;
        this.constants = List.copyOf(constants);
        this.outerKeys = outerKeys.clone();
        this.outerKeyTags = outerKeyTags.clone();
        this.leftOuter = leftOuter;
        this.rows = new ScanOperator(table, AccessPath.fullScan(), withRowId);
    }

    /** Called from generated code with the outer input (rows as Object[] or, for one column, the value). */
    public Enumerable<Object[]> join(DataContext root, Enumerable<?> outer) {
        StatementContext ctx = (StatementContext) root.get(FunctionBridge.CONTEXT_KEY);
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return new JoinEnumerator(ctx, outer.enumerator());
            }
        };
    }

    private Iterator<Row> lookup(Object[] outerRow, StatementContext ctx) {
        if (index == null) {
            Long h = ScanOperator.exactHandle(InternalValues.toExternal(outerRow[outerKeys[0]], outerKeyTags[0]),
                    rows.unsignedHandle(), ctx);
            if (h == null) {
                return Collections.emptyIterator();
            }
            Row r = ctx.tables().get(ctx.transaction(), table, h);
            return r == null ? Collections.emptyIterator() : List.of(r).iterator();
        }
        int n = constants.size() + outerKeys.length;
        List<Object> prefix = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ColumnDef col = table.columns().get(table.columnIndexById(index.columnIds().get(i)));
            int o = i - constants.size();
            Object external = o < 0 ? constants.get(i).value(ctx) : InternalValues.toExternal(outerRow[outerKeys[o]], outerKeyTags[o]);
            Object v = ScanOperator.coerce(external, col.type(), ctx);
            if (v == null) {
                return Collections.emptyIterator();
            }
            prefix.add(v);
        }
        return ctx.tables().indexLookup(ctx.transaction(), table, index, prefix);
    }

    private final class JoinEnumerator implements Enumerator<Object[]> {
        private final StatementContext ctx;
        private final Enumerator<?> outer;
        private Object[] outerRow;
        private Iterator<Row> inner = Collections.emptyIterator();
        private boolean matched;
        private Object[] current;

        JoinEnumerator(StatementContext ctx, Enumerator<?> outer) {
            this.ctx = ctx;
            this.outer = outer;
        }

        @Override
        public Object[] current() {
            return current;
        }

        @Override
        public boolean moveNext() {
            while (true) {
                if (ctx.isCancelled()) {
                    throw ErrorCode.QUERY_INTERRUPTED.error();
                }
                if (outerRow != null && inner.hasNext()) {
                    matched = true;
                    current = concat(outerRow, rows.toInternalRow(inner.next(), ctx));
                    return true;
                }
                if (outerRow != null && leftOuter && !matched) {
                    matched = true;
                    current = concat(outerRow, new Object[rows.width()]);
                    return true;
                }
                closeInner();
                if (!outer.moveNext()) {
                    outerRow = null;
                    return false;
                }
                Object o = outer.current();
                outerRow = o instanceof Object[] a ? a : new Object[]{o};
                matched = false;
                inner = lookup(outerRow, ctx);
            }
        }

        private Object[] concat(Object[] a, Object[] b) {
            Object[] out = new Object[a.length + b.length];
            System.arraycopy(a, 0, out, 0, a.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }

        private void closeInner() {
            if (inner instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw ErrorCode.STORAGE_ERROR.error(e.getMessage());
                }
            }
            inner = Collections.emptyIterator();
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException("reset");
        }

        @Override
        public void close() {
            closeInner();
            outer.close();
        }
    }
}
