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
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

import java.util.ArrayList;
import java.util.List;

/**
 * Offers an index join ({@link StrataLookupJoin}) for an INNER or LEFT equi-join whose right
 * input is a Strata table scan and whose right join keys include the handle column or a leading
 * prefix of an index. For INNER joins the original condition is re-applied above the join (it
 * also covers keys the lookup did not use); LEFT joins qualify only when the lookup uses every
 * key and there is nothing else in the condition.
 *
 * <p>The inner scan may already carry an index lookup on constants (TPC-C's stock-level joins
 * {@code stock} on {@code s_w_id = ? AND s_i_id = ol_i_id}: the constant is a prefix of the
 * primary key, the join key the next column); the lookup then uses the constants followed by the
 * outer row's keys. The {@link #FILTERED} instance also accepts, for INNER joins and such
 * constant lookups, a filter between the join and the scan (the conditions the scan could not
 * evaluate), re-applied above the join.
 */
public final class LookupJoinRule extends RelOptRule {
    /** Join(any, scan). */
    public static final LookupJoinRule PLAIN = new LookupJoinRule(false);
    /** Join(any, Filter(scan)), INNER joins only. */
    public static final LookupJoinRule FILTERED = new LookupJoinRule(true);

    private final boolean filtered;

    private LookupJoinRule(boolean filtered) {
        super(filtered
                        ? operand(LogicalJoin.class, operand(RelNode.class, any()),
                                operand(LogicalFilter.class, operand(StrataTableScan.class, none())))
                        : operand(LogicalJoin.class, operand(RelNode.class, any()), operand(StrataTableScan.class, none())),
                filtered ? "StrataLookupJoinRule(filtered)" : "StrataLookupJoinRule");
        this.filtered = filtered;
    }

    /**
     * Whether {@link LookupJoinRule} can use {@code scan} as the inner side of an index join. Under
     * a filter only when the scan already looks up constants: a filtered full scan (TPC-H's
     * lineitem under its date and mode conditions) is better hashed than probed once per outer
     * row, and the lookup's cost cannot see the filter's selectivity.
     */
    static boolean lookupable(StrataTableScan scan, boolean underFilter) {
        AccessPath.Kind kind = scan.path().kind();
        return kind == AccessPath.Kind.INDEX_LOOKUP || kind == AccessPath.Kind.FULL_SCAN && !underFilter;
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalJoin join = call.rel(0);
        LogicalFilter filter = filtered ? call.rel(2) : null;
        StrataTableScan scan = call.rel(filtered ? 3 : 2);
        if (!lookupable(scan, filtered)) {
            return;
        }
        JoinRelType type = join.getJoinType();
        if (type != JoinRelType.INNER && (type != JoinRelType.LEFT || filter != null)) {
            return;
        }
        JoinInfo info = join.analyzeCondition();
        if (info.leftKeys.isEmpty()) {
            return;
        }
        TableDef table = scan.strataTable().def();
        AccessPath path = scan.path();
        IndexDef index = null;
        List<Integer> outer = new ArrayList<>();
        int handle = table.handleColumnIndex();
        int pos = handle >= 0 ? info.rightKeys.indexOf(handle) : -1;
        if (path.kind() == AccessPath.Kind.INDEX_LOOKUP) {
            // the lookup's constants, then join keys on the index's next columns
            index = path.index();
            outer = outerKeys(table, index, path.keys().size(), info);
            if (outer.isEmpty()) {
                return;
            }
        } else if (pos >= 0) {
            outer.add(info.leftKeys.get(pos));
        } else {
            for (IndexDef candidate : table.indexes()) {
                if (candidate.primary() && table.pkIsHandle()) {
                    continue;
                }
                List<Integer> keys = outerKeys(table, candidate, 0, info);
                boolean fullUnique = candidate.unique() && keys.size() == candidate.columnIds().size();
                if (!keys.isEmpty() && (keys.size() > outer.size() || fullUnique)) {
                    index = candidate;
                    outer = keys;
                    if (fullUnique) {
                        break;
                    }
                }
            }
            if (index == null) {
                return;
            }
        }
        boolean usesEverything = info.isEqui() && outer.size() == info.leftKeys.size() && filter == null;
        if (type == JoinRelType.LEFT && !usesEverything) {
            return;
        }
        RelNode left = convert(join.getLeft(), join.getLeft().getTraitSet().replace(EnumerableConvention.INSTANCE));
        int[] keys = outer.stream().mapToInt(Integer::intValue).toArray();
        StrataLookupJoin lookup = new StrataLookupJoin(join.getCluster(),
                join.getCluster().traitSetOf(EnumerableConvention.INSTANCE), left, scan, join.getCondition(), type,
                scan.strataTable(), index, path.kind() == AccessPath.Kind.INDEX_LOOKUP ? path.keys() : List.of(), keys);
        if (usesEverything) {
            call.transformTo(lookup);
            return;
        }
        RexNode condition = join.getCondition();
        if (filter != null) {
            // the scan's residual conditions, over the joined row (the scan's fields come after the left's)
            RexNode shifted = RexUtil.shift(filter.getCondition(), join.getLeft().getRowType().getFieldCount());
            condition = RexUtil.composeConjunction(join.getCluster().getRexBuilder(), List.of(condition, shifted));
        }
        call.transformTo(LogicalFilter.create(lookup, condition));
    }

    /**
     * Outer fields whose values complete {@code index}'s key after its first {@code from}
     * columns (matched by the join's equi-keys, in index order, up to the first gap).
     */
    private static List<Integer> outerKeys(TableDef table, IndexDef index, int from, JoinInfo info) {
        List<Integer> keys = new ArrayList<>();
        int columns = table.columns().size();
        for (int i = from; i < index.columnIds().size(); i++) {
            int col = table.columnIndexById(index.columnIds().get(i));
            int k = col >= 0 && col < columns ? info.rightKeys.indexOf(col) : -1;
            if (k < 0) {
                break;
            }
            keys.add(info.leftKeys.get(k));
        }
        return keys;
    }
}
