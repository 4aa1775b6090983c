package io.strata.columnstore.kernel;

import java.util.Objects;

/**
 * One aggregate of a GROUP BY, over a column by position ({@link #STAR} for COUNT(*)). Results
 * follow MySQL: COUNT is a Long and never NULL; SUM and AVG are NULL when the group has no
 * non-NULL value, SUM of integers and decimals is an exact BigDecimal (of the column's scale),
 * AVG of them a BigDecimal with 4 more digits of scale ({@code div_precision_increment}) rounded
 * half up, SUM and AVG of doubles a Double; MIN and MAX are the column's own values. SUM and AVG
 * accept numeric columns only.
 */
public record AggregateCall(Function function, int column) {
    public static final int STAR = -1;

    public enum Function { COUNT, SUM, AVG, MIN, MAX }

    public AggregateCall {
        Objects.requireNonNull(function, "function is null");
        if (column == STAR && function != Function.COUNT) {
            throw new IllegalArgumentException(function + "(*) is not an aggregate");
        }
    }

    public static AggregateCall countStar() {
        return new AggregateCall(Function.COUNT, STAR);
    }

    public static AggregateCall of(Function function, int column) {
        return new AggregateCall(function, column);
    }
}
