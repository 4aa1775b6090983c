package io.strata.optimizer.calcite;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;

/**
 * Drops an ORDER BY on the primary-key handle (ascending) when the rows come from a Strata scan
 * that already returns them in handle order, possibly through filters and projections, keeping
 * any OFFSET/LIMIT. With the sort gone, LIMIT stops pulling from the scan after n rows instead
 * of reading the whole table — the usual OLTP "ORDER BY id LIMIT n".
 */
public final class SortByHandleRule extends RelOptRule {
    public SortByHandleRule() {
        super(operand(LogicalSort.class, any()), "StrataSortByHandleRule");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalSort sort = call.rel(0);
        if (sort.getCollation().getFieldCollations().size() != 1) {
            return;
        }
        RelFieldCollation fc = sort.getCollation().getFieldCollations().get(0);
        if (fc.direction != RelFieldCollation.Direction.ASCENDING) {
            return;
        }
        int field = fc.getFieldIndex();
        RelNode n = unwrap(sort.getInput());
        while (true) {
            if (n instanceof Project p) {
                RexNode e = p.getProjects().get(field);
                if (!(e instanceof RexInputRef ref)) {
                    return;
                }
                field = ref.getIndex();
                n = unwrap(p.getInput());
            } else if (n instanceof Filter f) {
                n = unwrap(f.getInput());
            } else {
                break;
            }
        }
        if (!(n instanceof StrataTableScan scan) || scan.path().viaIndex()
                || scan.strataTable().def().handleColumnIndex() != field) {
            return;
        }
        if (sort.offset == null && sort.fetch == null) {
            call.transformTo(sort.getInput());
        } else {
            call.transformTo(LogicalSort.create(sort.getInput(), RelCollations.EMPTY, sort.offset, sort.fetch));
        }
    }

    private static RelNode unwrap(RelNode n) {
        return n instanceof HepRelVertex v ? v.getCurrentRel() : n;
    }
}
