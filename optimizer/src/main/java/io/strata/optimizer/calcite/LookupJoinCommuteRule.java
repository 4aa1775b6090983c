package io.strata.optimizer.calcite;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.rules.JoinCommuteRule;

/**
 * Offers the swapped form of an INNER join whose left input is a Strata table scan (or a filter
 * on one), so {@link LookupJoinRule} can make that table the inner side of an index join (e.g.
 * an IN sub-query that became {@code users JOIN (SELECT DISTINCT user_id …)}). Unlike Calcite's
 * general JoinCommuteRule it fires only next to a scan, which keeps many-way joins cheap to plan.
 */
public final class LookupJoinCommuteRule extends RelOptRule {
    /** Join(scan, any). */
    public static final LookupJoinCommuteRule PLAIN = new LookupJoinCommuteRule(false);
    /** Join(Filter(scan), any). */
    public static final LookupJoinCommuteRule FILTERED = new LookupJoinCommuteRule(true);

    private final boolean filtered;

    private LookupJoinCommuteRule(boolean filtered) {
        super(filtered
                        ? operand(LogicalJoin.class, operand(LogicalFilter.class, operand(StrataTableScan.class, none())),
                                operand(RelNode.class, any()))
                        : operand(LogicalJoin.class, operand(StrataTableScan.class, none()), operand(RelNode.class, any())),
                filtered ? "StrataLookupJoinCommuteRule(filtered)" : "StrataLookupJoinCommuteRule");
        this.filtered = filtered;
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalJoin join = call.rel(0);
        StrataTableScan scan = call.rel(filtered ? 2 : 1);
        if (join.getJoinType() != JoinRelType.INNER || !LookupJoinRule.lookupable(scan, filtered)
                || join.analyzeCondition().leftKeys.isEmpty()) {
            return;
        }
        RelNode swapped = JoinCommuteRule.swap(join, false, call.builder());
        if (swapped != null) {
            call.transformTo(swapped);
        }
    }
}
