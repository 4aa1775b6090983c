package io.strata.optimizer.calcite;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.JaninoRelMetadataProvider;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMdDistinctRowCount;
import org.apache.calcite.rel.metadata.RelMdSelectivity;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Calcite metadata from ANALYZE's distinct counts, so that join ordering
 * ({@code LoptOptimizeJoinRule}, which ranks candidate joins by the distinct count of their keys
 * and compares whole orders by the row counts of their joins) sees key/foreign-key joins for what
 * they are. Without them every equality has selectivity 0.15, and TPC-H Q5 starts by joining
 * customer with supplier on their nation: a near cross product.
 *
 * <ul>
 *   <li>Distinct values of a Strata scan's columns: a key's are its rows; otherwise the product
 *   of the columns' distinct counts (capped at the table's rows), thinned when the scan or a
 *   predicate keeps a fraction of the rows.
 *   <li>Selectivity of a predicate on a Strata scan: {@code column = constant} keeps
 *   1/distinct of the rows.
 *   <li>Selectivity of an inner or outer join's condition: a column equality between the two
 *   sides keeps {@code 1 / max(distinct(left key), distinct(right key))} of the cross product
 *   (each value of the side with fewer distinct keys assumed to find a match). Several equalities
 *   keep what the most selective one keeps: the others are taken as implied, as the columns of
 *   a composite key are (multiplying them would make lineitem ⋈ partsupp on part and supplier
 *   look like it drops 7 rows in 8, and the planner would join it before the filtered part).
 *   Other conjuncts keep Calcite's guesses.
 * </ul>
 * Where a distinct count is unknown (no ANALYZE, or a table analyzed before distinct counts were
 * kept) Calcite's defaults apply.
 */
final class StrataMetadata {
    /** Calcite's providers with ours first; static so Janino compiles the dispatch once. */
    private static final JaninoRelMetadataProvider PROVIDER = JaninoRelMetadataProvider.of(ChainedRelMetadataProvider.of(List.of(
            ReflectiveRelMetadataProvider.reflectiveSource(new DistinctCounts(), BuiltInMetadata.DistinctRowCount.Handler.class),
            ReflectiveRelMetadataProvider.reflectiveSource(new Selectivities(), BuiltInMetadata.Selectivity.Handler.class),
            DefaultRelMetadataProvider.INSTANCE)));

    private StrataMetadata() {
    }

    /** Makes the metadata queries of {@code cluster}'s planners (Hep and Volcano) use these estimates. */
    static void install(RelOptCluster cluster) {
        cluster.setMetadataProvider(PROVIDER);
        cluster.setMetadataQuerySupplier(() -> new RelMetadataQuery(PROVIDER));
    }

    /**
     * The operand with casts and a {@code collate_key} taken off: a comparison of sort keys
     * (text under its collation) is as selective as one of the values, give or take the values
     * the collation makes equal.
     */
    private static RexNode column(RexNode operand) {
        RexNode e = RexUtil.removeCast(operand);
        return PushDownRule.sortKeyCollation(e) != null ? RexUtil.removeCast(((RexCall) e).getOperands().get(0)) : e;
    }

    /** Distinct values of a scan's columns; extends Calcite's handler for the other rels. */
    public static final class DistinctCounts extends RelMdDistinctRowCount {
        public @Nullable Double getDistinctRowCount(StrataTableScan scan, RelMetadataQuery mq, ImmutableBitSet groupKey,
                                                    @Nullable RexNode predicate) {
            double tableRows = scan.getTable().getRowCount();
            Double selectivity = predicate == null ? Double.valueOf(1) : mq.getSelectivity(scan, predicate);
            double rows = mq.getRowCount(scan) * (selectivity == null ? 1 : selectivity);
            if (groupKey.isEmpty() || Boolean.TRUE.equals(mq.areColumnsUnique(scan, groupKey))) {
                return groupKey.isEmpty() ? Math.min(1, rows) : rows;
            }
            double distinct = 1;
            for (int field : groupKey) {
                OptionalDouble n = scan.strataTable().distinctValues(field);
                if (n.isEmpty()) {
                    return super.getDistinctRowCount((TableScan) scan, mq, groupKey, predicate);
                }
                distinct *= Math.max(1, n.getAsDouble());
            }
            distinct = Math.min(distinct, tableRows);
            return thinned(distinct, tableRows, rows);
        }

        /**
         * Through a Calc (Calcite's handler has none) when the key fields are plain input
         * columns: the distinct values of those columns among the rows its condition keeps.
         */
        public @Nullable Double getDistinctRowCount(Calc calc, RelMetadataQuery mq, ImmutableBitSet groupKey,
                                                    @Nullable RexNode predicate) {
            RexProgram program = calc.getProgram();
            ImmutableBitSet.Builder inputKey = ImmutableBitSet.builder();
            for (int field : groupKey) {
                if (predicate != null || !(program.expandLocalRef(program.getProjectList().get(field)) instanceof RexInputRef ref)) {
                    return super.getDistinctRowCount((RelNode) calc, mq, groupKey, predicate);
                }
                inputKey.set(ref.getIndex());
            }
            RexNode condition = program.getCondition() == null ? null : program.expandLocalRef(program.getCondition());
            return mq.getDistinctRowCount(calc.getInput(), inputKey.build(), condition);
        }

        /**
         * A Volcano subset answers for its best rel, or before there is one for the rel it was
         * registered with (Calcite's handler gives up there, leaving joins to guesses).
         */
        @Override
        public @Nullable Double getDistinctRowCount(RelSubset subset, RelMetadataQuery mq, ImmutableBitSet groupKey,
                                                    @Nullable RexNode predicate) {
            RelNode rel = subset.getBest() != null ? subset.getBest() : subset.getOriginal();
            return rel == null ? null : mq.getDistinctRowCount(rel, groupKey, predicate);
        }

        /**
         * Distinct values left when {@code kept} of {@code rows} rows remain: each value has
         * {@code rows / distinct} rows, and survives unless all of them are gone.
         */
        static double thinned(double distinct, double rows, double kept) {
            if (kept >= rows) {
                return distinct;
            }
            double gone = 1 - kept / rows;
            return Math.max(Math.min(1, kept), distinct * (1 - Math.pow(gone, rows / distinct)));
        }
    }

    /** Selectivities of predicates on scans and of join conditions; Calcite's for the rest. */
    public static final class Selectivities extends RelMdSelectivity {
        public @Nullable Double getSelectivity(StrataTableScan scan, RelMetadataQuery mq, @Nullable RexNode predicate) {
            if (predicate == null) {
                return 1.0;
            }
            double selectivity = 1;
            for (RexNode conjunct : RelOptUtil.conjunctions(predicate)) {
                selectivity *= constantEquality(scan, mq, conjunct);
            }
            return selectivity;
        }

        /** 1/distinct for {@code column = constant} when the column's count is known; else Calcite's guess. */
        private static double constantEquality(StrataTableScan scan, RelMetadataQuery mq, RexNode conjunct) {
            if (conjunct.getKind() == SqlKind.EQUALS) {
                List<RexNode> operands = ((RexCall) conjunct).getOperands();
                for (int i = 0; i < 2; i++) {
                    if (column(operands.get(i)) instanceof RexInputRef ref && RexUtil.isConstant(operands.get(1 - i))) {
                        // known when the column is a key or was analyzed
                        Double distinct = mq.getDistinctRowCount(scan, ImmutableBitSet.of(ref.getIndex()), null);
                        if (distinct != null) {
                            return 1 / Math.max(1, distinct);
                        }
                    }
                }
            }
            return RelMdUtil.guessSelectivity(conjunct);
        }

        @Override
        public @Nullable Double getSelectivity(Join join, RelMetadataQuery mq, @Nullable RexNode predicate) {
            if (!join.getJoinType().projectsRight() || predicate == null) {
                return super.getSelectivity(join, mq, predicate);
            }
            int leftFields = join.getLeft().getRowType().getFieldCount();
            double others = 1;
            double distinct = 1;
            List<RexNode> equalities = new ArrayList<>();
            boolean known = true;
            for (RexNode conjunct : RelOptUtil.conjunctions(predicate)) {
                int[] sides = sidesOf(conjunct, leftFields);
                if (sides == null) {
                    others *= RelMdUtil.guessSelectivity(conjunct);
                    continue;
                }
                equalities.add(conjunct);
                Double left = mq.getDistinctRowCount(join.getLeft(), ImmutableBitSet.of(sides[0]), null);
                Double right = mq.getDistinctRowCount(join.getRight(), ImmutableBitSet.of(sides[1] - leftFields), null);
                if (left == null || right == null) {
                    known = false;
                } else {
                    distinct = Math.max(distinct, Math.max(left, right));
                }
            }
            if (!known) {
                return others * RelMdUtil.guessSelectivity(RexUtil.composeConjunction(join.getCluster().getRexBuilder(), equalities));
            }
            return others / distinct;
        }

        /**
         * For {@code left column = right column} (see {@link #column}), the two fields (the left one
         * first, in the join's row); null for any other conjunct.
         */
        private static int[] sidesOf(RexNode conjunct, int leftFields) {
            if (conjunct.getKind() != SqlKind.EQUALS) {
                return null;
            }
            List<RexNode> operands = ((RexCall) conjunct).getOperands();
            if (column(operands.get(0)) instanceof RexInputRef a && column(operands.get(1)) instanceof RexInputRef b
                    && (a.getIndex() < leftFields) != (b.getIndex() < leftFields)) {
                return a.getIndex() < leftFields ? new int[]{a.getIndex(), b.getIndex()} : new int[]{b.getIndex(), a.getIndex()};
            }
            return null;
        }
    }
}
