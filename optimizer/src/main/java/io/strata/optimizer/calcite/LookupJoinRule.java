package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;

import java.util.ArrayList;
import java.util.List;

/**
 * Offers an index join ({@link StrataLookupJoin}) for an INNER or LEFT equi-join whose right
 * input is a plain Strata table scan and whose right join keys include the handle column or a
 * leading prefix of an index. For INNER joins the original condition is re-applied above the
 * join (it also covers keys the lookup did not use); LEFT joins qualify only when the lookup
 * uses every key and there is nothing else in the condition.
 */
public final class LookupJoinRule extends RelOptRule {
    public LookupJoinRule() {
        super(operand(LogicalJoin.class, operand(RelNode.class, any()), operand(StrataTableScan.class, none())),
                "StrataLookupJoinRule");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalJoin join = call.rel(0);
        StrataTableScan scan = call.rel(2);
        if (scan.path().kind() != AccessPath.Kind.FULL_SCAN) {
            return;
        }
        JoinRelType type = join.getJoinType();
        if (type != JoinRelType.INNER && type != JoinRelType.LEFT) {
            return;
        }
        JoinInfo info = join.analyzeCondition();
        if (info.leftKeys.isEmpty()) {
            return;
        }
        TableDef table = scan.strataTable().def();
        int columns = table.columns().size();
        int handle = table.handleColumnIndex();
        IndexDef index = null;
        List<Integer> outer = new ArrayList<>();
        int pos = handle >= 0 ? info.rightKeys.indexOf(handle) : -1;
        if (pos >= 0) {
            outer.add(info.leftKeys.get(pos));
        } else {
            int bestLen = 0;
            List<Integer> bestOuter = null;
            for (IndexDef candidate : table.indexes()) {
                if (candidate.primary() && table.pkIsHandle()) {
                    continue;
                }
                List<Integer> keys = new ArrayList<>();
                for (int colId : candidate.columnIds()) {
                    int col = table.columnIndexById(colId);
                    int k = col >= 0 && col < columns ? info.rightKeys.indexOf(col) : -1;
                    if (k < 0) {
                        break;
                    }
                    keys.add(info.leftKeys.get(k));
                }
                boolean fullUnique = candidate.unique() && keys.size() == candidate.columnIds().size();
                if (!keys.isEmpty() && (keys.size() > bestLen || fullUnique)) {
                    index = candidate;
                    bestLen = keys.size();
                    bestOuter = keys;
                    if (fullUnique) {
                        break;
                    }
                }
            }
            if (index == null) {
                return;
            }
            outer.addAll(bestOuter);
        }
        boolean usesEverything = info.isEqui() && outer.size() == info.leftKeys.size();
        if (type == JoinRelType.LEFT && !usesEverything) {
            return;
        }
        RelNode left = convert(join.getLeft(), join.getLeft().getTraitSet().replace(EnumerableConvention.INSTANCE));
        int[] keys = outer.stream().mapToInt(Integer::intValue).toArray();
        StrataLookupJoin lookup = new StrataLookupJoin(join.getCluster(),
                join.getCluster().traitSetOf(EnumerableConvention.INSTANCE), left, scan, join.getCondition(), type,
                scan.strataTable(), index, keys);
        call.transformTo(usesEverything ? lookup : LogicalFilter.create(lookup, join.getCondition()));
    }
}
