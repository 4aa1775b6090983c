package io.strata.sql.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.catalog.TableStatistics;
import io.strata.spi.Key;
import io.strata.spi.codec.TableCodec;
import io.strata.spi.kv.KvIterator;
import io.strata.spi.kv.Transaction;
import io.strata.spi.kv.TxnKv;
import io.strata.spi.kv.TxnOptions;

import static java.util.Objects.requireNonNull;

/**
 * Row counts of tables, measured by ANALYZE TABLE and kept in the meta key
 * {@code stats/<table id>} so they survive restarts. The planner reads them for its cost model
 * ({@link TableStatistics}); a table never analyzed is planned with the pseudo estimate. The
 * counts are a snapshot of ANALYZE time: writes since then do not move them (no auto-analyze yet).
 */
public final class TableStatsStore implements TableStatistics {
    private static final String PREFIX = "stats/";
    private static final double UNKNOWN = -1;

    private final TxnKv kv;
    private final Map<Long, Double> rows = new ConcurrentHashMap<>();

    public TableStatsStore(TxnKv kv) {
        this.kv = requireNonNull(kv, "kv is null");
    }

    @Override
    public OptionalDouble rowCount(TableDef table) {
        if (Catalog.isVirtual(table)) {
            return OptionalDouble.empty();
        }
        double n = rows.computeIfAbsent(table.id(), this::load);
        return n == UNKNOWN ? OptionalDouble.empty() : OptionalDouble.of(n);
    }

    private double load(long tableId) {
        try (Transaction txn = kv.begin(TxnOptions.DEFAULT)) {
            byte[] v = txn.get(key(tableId));
            return v == null ? UNKNOWN : Double.parseDouble(new String(v, StandardCharsets.US_ASCII));
        }
    }

    /**
     * Counts the rows of {@code table} as {@code txn} sees them (a scan of its row keys, values not
     * decoded) and records the count, in {@code txn} and for the planner.
     */
    public long analyze(Transaction txn, TableDef table) {
        long count = 0;
        Key start = TableCodec.rowPrefix(table.id());
        try (KvIterator it = txn.scan(start, start.prefixNext())) {
            while (it.hasNext()) {
                it.next();
                count++;
            }
        }
        txn.put(key(table.id()), Long.toString(count).getBytes(StandardCharsets.US_ASCII));
        rows.put(table.id(), (double) count);
        return count;
    }

    static Key key(long tableId) {
        return TableCodec.metaKey(PREFIX + tableId);
    }
}
