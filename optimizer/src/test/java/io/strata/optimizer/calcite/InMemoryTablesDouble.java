package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.exec.Row;
import io.strata.optimizer.exec.TableAccess;
import io.strata.spi.kv.Transaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test double: {@link TableAccess} over rows held in memory, ignoring the transaction. It logs
 * every access ("scan t [a,b]", "get t 5", "index t idx [x]") so tests can see what the planner
 * pushed down.
 */
final class InMemoryTablesDouble implements TableAccess {
    private final Map<Long, TreeMap<Long, Object[]>> rows = new ConcurrentHashMap<>();
    final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    int rowsRead;

    void insert(TableDef table, long handle, Object... values) {
        if (values.length != table.columns().size()) {
            throw new IllegalArgumentException("value count");
        }
        rows.computeIfAbsent(table.id(), k -> new TreeMap<>()).put(handle, values.clone());
    }

    private TreeMap<Long, Object[]> of(TableDef t) {
        return rows.getOrDefault(t.id(), new TreeMap<>());
    }

    @Override
    public Iterator<Row> scan(Transaction txn, TableDef table, long fromHandle, long toHandle) {
        log.add("scan " + table.name() + " [" + (fromHandle == Long.MIN_VALUE ? "-inf" : fromHandle) + ","
                + (toHandle == Long.MAX_VALUE ? "+inf" : toHandle) + "]");
        // lazy, like the real store: rowsRead shows how far a consumer pulled
        Iterator<Map.Entry<Long, Object[]>> it = of(table).subMap(fromHandle, true, toHandle, true).entrySet().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Row next() {
                var e = it.next();
                rowsRead++;
                return new Row(e.getKey(), e.getValue().clone());
            }
        };
    }

    @Override
    public Row get(Transaction txn, TableDef table, long handle) {
        log.add("get " + table.name() + " " + handle);
        Object[] v = of(table).get(handle);
        return v == null ? null : new Row(handle, v.clone());
    }

    @Override
    public Iterator<Row> indexLookup(Transaction txn, TableDef table, IndexDef index, List<Object> prefix) {
        log.add("index " + table.name() + " " + index.name() + " " + prefix);
        List<Row> out = new ArrayList<>();
        // like the real index: entries hold the collation sort keys of text values
        List<Object> keyPrefix = table.indexKeyValues(index, prefix);
        for (var e : of(table).entrySet()) {
            boolean match = true;
            List<Object> stored = new ArrayList<>();
            for (int i = 0; i < prefix.size(); i++) {
                stored.add(e.getValue()[table.columnIndexById(index.columnIds().get(i))]);
            }
            stored = table.indexKeyValues(index, stored);
            for (int i = 0; i < prefix.size(); i++) {
                Object v = stored.get(i);
                Object p = keyPrefix.get(i);
                if (v instanceof byte[] a && p instanceof byte[] b ? !Arrays.equals(a, b)
                        : v instanceof java.math.BigDecimal a && p instanceof java.math.BigDecimal b ? a.compareTo(b) != 0
                        : !Objects.equals(v, p)) {
                    match = false;
                    break;
                }
            }
            if (match) {
                out.add(new Row(e.getKey(), e.getValue().clone()));
            }
        }
        // like the real index: entries in key order (index columns, then the handle)
        out.sort((a, b) -> {
            List<Object> ka = indexKey(table, index, a);
            List<Object> kb = indexKey(table, index, b);
            for (int i = 0; i < ka.size(); i++) {
                int c = compareKeyValues(ka.get(i), kb.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Long.compare(a.handle(), b.handle());
        });
        return out.iterator();
    }

    private static List<Object> indexKey(TableDef table, IndexDef index, Row r) {
        List<Object> values = new ArrayList<>();
        for (int id : index.columnIds()) {
            values.add(r.values()[table.columnIndexById(id)]);
        }
        return table.indexKeyValues(index, values);
    }

    private static int compareKeyValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compareUnsigned(x, y);
        }
        return io.strata.optimizer.func.MysqlValues.compare(a, b, null);
    }

    @Override
    public Iterator<Row> indexRange(Transaction txn, TableDef table, IndexDef index, List<Object> prefix,
                                    Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive) {
        log.add("range " + table.name() + " " + index.name() + " " + prefix + " " + lower + ".." + upper);
        int col = table.columnIndexById(index.columnIds().get(prefix.size()));
        List<Row> out = new ArrayList<>();
        for (Iterator<Row> it = indexLookup(txn, table, index, prefix); it.hasNext(); ) {
            Row r = it.next();
            Object v = r.values()[col];
            if (v == null) {
                continue;
            }
            int lo = lower == null ? 1 : io.strata.optimizer.func.MysqlValues.compare(v, lower, null);
            int hi = upper == null ? -1 : io.strata.optimizer.func.MysqlValues.compare(v, upper, null);
            if ((lo > 0 || (lowerInclusive && lo == 0)) && (hi < 0 || (upperInclusive && hi == 0))) {
                out.add(r);
            }
        }
        out.sort(java.util.Comparator.comparing(r -> (Comparable) r.values()[col]));
        return out.iterator();
    }
}
