package io.strata.columnstore.kernel;

import java.util.List;
import java.util.Objects;

/**
 * A filter over the columns of a batch, by column position, with SQL's three-valued logic: a
 * comparison with NULL is UNKNOWN, {@code AND}/{@code OR}/{@code NOT} follow Kleene's tables,
 * and a filter keeps only the rows where the predicate is TRUE.
 *
 * <p>Literals are Java values of the engine's types (Long, BigDecimal, Double, String, byte[],
 * LocalDate, LocalDateTime, Duration for TIME). A DOUBLE column compares as doubles. An integer or decimal
 * column compares exactly (against 2.5 an integer is never equal, and nothing is lost to
 * rounding), a double literal taken at its exact binary value; MySQL compares that case as
 * doubles, which differs only past 2^53. Strings and binaries compare by unsigned bytes (binary
 * collation); a DATE column compares with a DATETIME literal as a datetime. Other pairs are
 * rejected with IllegalArgumentException.
 */
public sealed interface Predicate {
    enum Op {
        EQ, NE, LT, LE, GT, GE;

        /** Whether a comparison result (negative, zero, positive) satisfies this operator. */
        public boolean accepts(int cmp) {
            return switch (this) {
                case EQ -> cmp == 0;
                case NE -> cmp != 0;
                case LT -> cmp < 0;
                case LE -> cmp <= 0;
                case GT -> cmp > 0;
                case GE -> cmp >= 0;
            };
        }
    }

    /** {@code column op literal}; a NULL literal makes it UNKNOWN for every row. */
    record Compare(int column, Op op, Object literal) implements Predicate {
        public Compare {
            Objects.requireNonNull(op, "op is null");
        }
    }

    record IsNull(int column) implements Predicate {
    }

    record IsNotNull(int column) implements Predicate {
    }

    record And(List<Predicate> terms) implements Predicate {
        public And {
            terms = List.copyOf(terms);
        }
    }

    record Or(List<Predicate> terms) implements Predicate {
        public Or {
            terms = List.copyOf(terms);
        }
    }

    record Not(Predicate term) implements Predicate {
        public Not {
            Objects.requireNonNull(term, "term is null");
        }
    }

    static Predicate compare(int column, Op op, Object literal) {
        return new Compare(column, op, literal);
    }

    static Predicate and(Predicate... terms) {
        return new And(List.of(terms));
    }

    static Predicate or(Predicate... terms) {
        return new Or(List.of(terms));
    }

    /** {@code low <= column AND column <= high}, as SQL's BETWEEN. */
    static Predicate between(int column, Object low, Object high) {
        return and(compare(column, Op.GE, low), compare(column, Op.LE, high));
    }
}
