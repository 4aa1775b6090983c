package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.IndexDef;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * How a table scan reaches its rows, chosen by {@link PushDownRule} from the filter above it.
 * TiDB's vocabulary: a point get on the row handle, a batch point get (IN list), a range of
 * handles, an index lookup by equality on a prefix of an index, or a full table scan.
 *
 * @param keys        POINT_GET: one key; BATCH_POINT_GET: the keys; INDEX_LOOKUP: the prefix values in index order;
 *                    BATCH_INDEX_LOOKUP: one value of the index's first column per lookup (an IN list)
 *                    INDEX_RANGE: the equality prefix before the ranged column
 * @param lower       HANDLE_RANGE / INDEX_RANGE lower bound or null (open)
 * @param upper       HANDLE_RANGE / INDEX_RANGE upper bound or null (open)
 * @param pushed      the predicates this path evaluates, as text for EXPLAIN
 */
public record AccessPath(Kind kind, IndexDef index, List<KeySource> keys, KeySource lower, boolean lowerInclusive,
                         KeySource upper, boolean upperInclusive, String pushed) {
    public enum Kind { FULL_SCAN, POINT_GET, BATCH_POINT_GET, HANDLE_RANGE, INDEX_LOOKUP, BATCH_INDEX_LOOKUP, INDEX_RANGE }

    /** Paths that read through a secondary index: rows come in index order, not handle order. */
    public boolean viaIndex() {
        return kind == Kind.INDEX_LOOKUP || kind == Kind.BATCH_INDEX_LOOKUP || kind == Kind.INDEX_RANGE;
    }

    public AccessPath {
        requireNonNull(kind, "kind is null");
        keys = keys == null ? List.of() : List.copyOf(keys);
        pushed = pushed == null ? "" : pushed;
    }

    public static AccessPath fullScan() {
        return new AccessPath(Kind.FULL_SCAN, null, List.of(), null, false, null, false, "");
    }

    /** Rough row estimate with no statistics (TiDB's pseudo statistics use 10000 rows a table). */
    public double estimateRows(double tableRows) {
        return switch (kind) {
            case FULL_SCAN -> tableRows;
            case POINT_GET -> 1;
            case BATCH_POINT_GET -> keys.size();
            case HANDLE_RANGE -> Math.max(1, tableRows / (lower != null && upper != null ? 40 : 3));
            case INDEX_LOOKUP -> index.unique() && keys.size() == index.columnIds().size() ? 1 : Math.max(1, tableRows / 1000);
            case BATCH_INDEX_LOOKUP -> keys.size() * (index.unique() && index.columnIds().size() == 1 ? 1 : Math.max(1, tableRows / 1000));
            case INDEX_RANGE -> Math.max(1, tableRows / (keys.size() > 0 ? 200 : 10) / (lower != null && upper != null ? 4 : 1));
        };
    }

    public String describe() {
        return switch (kind) {
            case FULL_SCAN -> "full";
            case POINT_GET -> "handle:" + keys.get(0);
            case BATCH_POINT_GET -> "handle:" + keys;
            case HANDLE_RANGE -> "range:" + (lower == null ? "[-inf" : (lowerInclusive ? "[" : "(") + lower) + ","
                    + (upper == null ? "+inf]" : upper + (upperInclusive ? "]" : ")"));
            case INDEX_LOOKUP -> "index:" + index.name() + ", range:" + keys;
            case BATCH_INDEX_LOOKUP -> "index:" + index.name() + ", in:" + keys;
            case INDEX_RANGE -> "index:" + index.name() + ", range:" + keys + (lower == null ? "[-inf" : (lowerInclusive ? "[" : "(") + lower)
                    + "," + (upper == null ? "+inf]" : upper + (upperInclusive ? "]" : ")"));
        };
    }
}
