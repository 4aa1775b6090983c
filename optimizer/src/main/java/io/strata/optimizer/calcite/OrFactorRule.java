package io.strata.optimizer.calcite;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Factors the conjuncts that every branch of an OR has in common out of it:
 * {@code (a AND b) OR (a AND c)} becomes {@code a AND (b OR c)}, in a filter's condition and in a
 * join's. Without it a join condition written inside each branch of an OR (TPC-H Q19's
 * {@code p_partkey = l_partkey}) is not an equi-condition Calcite can see, and the join becomes a
 * cross product followed by a filter. The rewrite is sound in SQL's three-valued logic (AND
 * distributes over OR for UNKNOWN too), so it needs no NULL guard. It runs before filters are
 * pushed into joins and scans, so the factored conjuncts are then pushed like any other.
 */
public final class OrFactorRule extends RelOptRule {
    public static final OrFactorRule FILTER = new OrFactorRule(Filter.class, "StrataOrFactorRule:filter");
    public static final OrFactorRule JOIN = new OrFactorRule(Join.class, "StrataOrFactorRule:join");

    private OrFactorRule(Class<? extends RelNode> clazz, String description) {
        super(operand(clazz, any()), RelFactories.LOGICAL_BUILDER, description);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        if (call.rel(0) instanceof Filter filter) {
            RexNode factored = factored(filter.getCondition(), call);
            if (factored != null) {
                call.transformTo(filter.copy(filter.getTraitSet(), filter.getInput(), factored));
            }
        } else if (call.rel(0) instanceof Join join) {
            RexNode factored = factored(join.getCondition(), call);
            if (factored != null) {
                call.transformTo(join.copy(join.getTraitSet(), factored, join.getLeft(), join.getRight(),
                        join.getJoinType(), join.isSemiJoinDone()));
            }
        }
    }

    /** The condition with common OR factors pulled out, or null when there is nothing to pull. */
    private static RexNode factored(RexNode condition, RelOptRuleCall call) {
        if (RexUtil.findOperatorCall(SqlStdOperatorTable.OR, condition) == null) {
            return null;
        }
        RexNode pulled = RexUtil.pullFactors(call.builder().getRexBuilder(), condition);
        return pulled.equals(condition) ? null : pulled;
    }
}
