package io.strata.optimizer.calcite;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.rules.JoinCommuteRule;

/**
 * Offers the swapped form of an INNER join whose left input is a plain Strata table scan, so
 * {@link LookupJoinRule} can make that table the inner side of an index join (e.g. an IN
 * sub-query that became {@code users JOIN (SELECT DISTINCT user_id …)}). Unlike Calcite's
 * general JoinCommuteRule it fires only next to a scan, which keeps many-way joins cheap to plan.
 */
public final class LookupJoinCommuteRule extends RelOptRule {
    public LookupJoinCommuteRule() {
        super(operand(LogicalJoin.class, operand(StrataTableScan.class, none()), operand(RelNode.class, any())),
                "StrataLookupJoinCommuteRule");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalJoin join = call.rel(0);
        StrataTableScan scan = call.rel(1);
        if (join.getJoinType() != JoinRelType.INNER || scan.path().kind() != AccessPath.Kind.FULL_SCAN
                || join.analyzeCondition().leftKeys.isEmpty()) {
            return;
        }
        RelNode swapped = JoinCommuteRule.swap(join, false, call.builder());
        if (swapped != null) {
            call.transformTo(swapped);
        }
    }
}
