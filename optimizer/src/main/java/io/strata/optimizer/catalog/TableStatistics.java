package io.strata.optimizer.catalog;

import java.util.OptionalDouble;

/**
 * Row-count estimates the cost model plans with. A table without statistics is planned with the
 * pseudo estimate ({@code StrataTable.PSEUDO_ROWS}), as TiDB does before its first ANALYZE.
 */
@FunctionalInterface
public interface TableStatistics {
    TableStatistics NONE = table -> OptionalDouble.empty();

    /** Estimated rows of {@code table}, if known. */
    OptionalDouble rowCount(TableDef table);
}
