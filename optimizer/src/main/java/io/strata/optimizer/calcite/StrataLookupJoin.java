package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.IndexDef;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * An index join: the outer (left) input drives point gets or index lookups into a Strata table
 * (the right input, which is never scanned). Chosen by {@link LookupJoinRule} for INNER and
 * LEFT equi-joins whose inner keys are the table's handle or a prefix of one of its indexes;
 * its cost grows with the outer rows only, so Volcano prefers it when the outer side is small.
 */
public final class StrataLookupJoin extends Join implements EnumerableRel {
    private final StrataTable inner;
    private final IndexDef index;
    /** Leading index columns' values that do not come from the outer row (constants, parameters). */
    private final List<KeySource> constants;
    private final int[] outerKeys;

    StrataLookupJoin(RelOptCluster cluster, RelTraitSet traits, RelNode left, RelNode right, RexNode condition,
                     JoinRelType joinType, StrataTable inner, IndexDef index, List<KeySource> constants, int[] outerKeys) {
        super(cluster, traits, left, right, condition, Set.of(), joinType);
        this.inner = inner;
        this.index = index;
        this.constants = List.copyOf(constants);
        this.outerKeys = outerKeys.clone();
    }

    StrataTable inner() {
        return inner;
    }

    IndexDef index() {
        return index;
    }

    @Override
    public Join copy(RelTraitSet traitSet, RexNode conditionExpr, RelNode left, RelNode right, JoinRelType joinType,
                     boolean semiJoinDone) {
        return new StrataLookupJoin(getCluster(), traitSet, left, right, conditionExpr, joinType, inner, index, constants, outerKeys);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("lookup", index == null ? "handle" : "index:" + index.name())
                .itemIf("constants", constants, !constants.isEmpty())
                .item("outerKeys", Arrays.toString(outerKeys));
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        double outer = mq.getRowCount(getLeft());
        return index == null || uniqueLookup() ? outer : outer * 10;
    }

    /** Each lookup finds at most one row: the whole key of a unique index is given. */
    private boolean uniqueLookup() {
        return index.unique() && constants.size() + outerKeys.length == index.columnIds().size();
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double outer = mq.getRowCount(getLeft());
        double perLookup = index == null ? 1 : uniqueLookup() ? 2 : 10;
        return planner.getCostFactory().makeCost(outer * perLookup, outer * perLookup, outer * perLookup);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        BlockBuilder b = new BlockBuilder();
        Result outer = implementor.visitChild(this, 0, (EnumerableRel) getLeft(), Prefer.ARRAY);
        Expression outerExp = b.append("outer", outer.block);
        char[] tags = new char[outerKeys.length];
        for (int i = 0; i < outerKeys.length; i++) {
            tags[i] = InternalValues.tag(getLeft().getRowType().getFieldList().get(outerKeys[i]).getType());
        }
        LookupJoinOperator op = new LookupJoinOperator(inner.def(), index, constants, outerKeys, tags, joinType == JoinRelType.LEFT,
                inner.withRowId());
        Expression stashed = implementor.stash(op, LookupJoinOperator.class);
        b.add(Expressions.call(stashed, "join", DataContext.ROOT,
                Expressions.convert_(outerExp, org.apache.calcite.linq4j.Enumerable.class)));
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY, false);
        return implementor.result(physType, b.toBlock());
    }
}
