package io.strata.optimizer.catalog;

import java.util.OptionalDouble;

/**
 * Estimates the cost model plans with. A table without statistics is planned with the pseudo
 * estimate ({@code StrataTable.PSEUDO_ROWS}), as TiDB does before its first ANALYZE; a column
 * without a distinct count leaves Calcite to its guesses (selectivity 0.15 an equality).
 */
@FunctionalInterface
public interface TableStatistics {
    TableStatistics NONE = table -> OptionalDouble.empty();

    /** Estimated rows of {@code table}, if known. */
    OptionalDouble rowCount(TableDef table);

    /**
     * Estimated distinct non-null values of the column with id {@code columnId}, if known (the
     * distinct values the rows held when they were counted; unknown for tables analyzed before
     * Strata kept distinct counts).
     */
    default OptionalDouble distinctValues(TableDef table, int columnId) {
        return OptionalDouble.empty();
    }
}
