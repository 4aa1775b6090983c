package io.strata.sql.catalog;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.catalog.TableStatistics;
import io.strata.spi.Key;
import io.strata.spi.codec.RowCodec;
import io.strata.spi.codec.TableCodec;
import io.strata.spi.kv.KvIterator;
import io.strata.spi.kv.KvPair;
import io.strata.spi.kv.Transaction;
import io.strata.spi.kv.TxnKv;
import io.strata.spi.kv.TxnOptions;

import static java.util.Objects.requireNonNull;

/**
 * Row counts and per-column distinct counts of tables, measured by ANALYZE TABLE and kept in the
 * meta key {@code stats/<table id>} so they survive restarts. The planner reads them for its cost
 * model ({@link TableStatistics}); a table never analyzed is planned with the pseudo estimate.
 * The figures are a snapshot of ANALYZE time: writes since then do not move them (no auto-analyze
 * yet).
 *
 * <p>The stored value is ASCII: the row count, then for each column that held a non-null value
 * {@code ;<column id>=<distinct count>}. A column missing there has an unknown distinct count:
 * one that held only NULLs or was added after its rows were written (they read as its default),
 * and every column of a value written before distinct counts were kept.
 */
public final class TableStatsStore implements TableStatistics {
    private static final String PREFIX = "stats/";
    private static final Stats UNKNOWN = new Stats(-1, Map.of());

    /** What one ANALYZE measured: rows, and distinct values by column id. */
    private record Stats(double rows, Map<Integer, Double> distinct) {
        static Stats parse(String text) {
            String[] parts = text.split(";");
            Map<Integer, Double> distinct = new HashMap<>();
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                distinct.put(Integer.parseInt(parts[i].substring(0, eq)), Double.parseDouble(parts[i].substring(eq + 1)));
            }
            return new Stats(Double.parseDouble(parts[0]), Map.copyOf(distinct));
        }

        String format() {
            StringBuilder sb = new StringBuilder().append((long) rows);
            distinct.forEach((id, n) -> sb.append(';').append(id).append('=').append(Math.round(n)));
            return sb.toString();
        }
    }

    private final TxnKv kv;
    private final Map<Long, Stats> stats = new ConcurrentHashMap<>();

    public TableStatsStore(TxnKv kv) {
        this.kv = requireNonNull(kv, "kv is null");
    }

    @Override
    public OptionalDouble rowCount(TableDef table) {
        Stats s = statsOf(table);
        return s == UNKNOWN ? OptionalDouble.empty() : OptionalDouble.of(s.rows());
    }

    @Override
    public OptionalDouble distinctValues(TableDef table, int columnId) {
        Double n = statsOf(table).distinct().get(columnId);
        return n == null ? OptionalDouble.empty() : OptionalDouble.of(n);
    }

    private Stats statsOf(TableDef table) {
        return Catalog.isVirtual(table) ? UNKNOWN : stats.computeIfAbsent(table.id(), this::load);
    }

    private Stats load(long tableId) {
        try (Transaction txn = kv.begin(TxnOptions.DEFAULT)) {
            byte[] v = txn.get(key(tableId));
            return v == null ? UNKNOWN : Stats.parse(new String(v, StandardCharsets.US_ASCII));
        }
    }

    /**
     * Measures {@code table} as {@code txn} sees it, in one scan of its rows: the row count, and
     * each column's distinct non-null values estimated by a {@link HyperLogLog} over the values'
     * encoded bytes (not decoded; bounded memory per column). Records them, in {@code txn} and for
     * the planner, and returns the row count.
     */
    public long analyze(Transaction txn, TableDef table) {
        long count = 0;
        // indexed by column id; values of dropped columns (no sketch) are skipped
        int maxId = table.columns().stream().mapToInt(c -> c.id()).max().orElse(0);
        HyperLogLog[] sketches = new HyperLogLog[maxId + 1];
        for (var c : table.columns()) {
            sketches[c.id()] = new HyperLogLog();
        }
        Key start = TableCodec.rowPrefix(table.id());
        try (KvIterator it = txn.scan(start, start.prefixNext())) {
            while (it.hasNext()) {
                KvPair row = it.next();
                RowCodec.forEachValue(row.value(), (id, bytes, from, to) -> {
                    if (id < sketches.length && sketches[id] != null) {
                        sketches[id].add(bytes, from, to);
                    }
                });
                count++;
            }
        }
        Map<Integer, Double> distinct = new HashMap<>();
        for (var c : table.columns()) {
            double estimate = sketches[c.id()].estimate();
            if (estimate > 0) {
                // the sketch's error must not claim more values than rows
                distinct.put(c.id(), (double) Math.min(count, Math.round(estimate)));
            }
        }
        Stats measured = new Stats(count, Map.copyOf(distinct));
        txn.put(key(table.id()), measured.format().getBytes(StandardCharsets.US_ASCII));
        stats.put(table.id(), measured);
        return count;
    }

    static Key key(long tableId) {
        return TableCodec.metaKey(PREFIX + tableId);
    }
}
