package io.strata.optimizer.calcite;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The scan of a Strata table in the Enumerable convention (like the Arrow adapter's scan, it
 * is the engine's own leaf operator): it reads rows through {@code TableAccess} by its
 * {@link AccessPath} — point get, batch point get, handle range, index lookup or full scan — and
 * hands Calcite rows in its internal representation.
 *
 * <p>The generated code reaches the scan through a stashed {@link ScanOperator}, an immutable
 * object; the transaction and parameter values come from the DataContext of each execution.
 */
public final class StrataTableScan extends TableScan implements EnumerableRel {
    private final StrataTable strataTable;
    private final AccessPath path;
    /** Fields the consumer reads (the rest are not decoded and read as null), or null for all. */
    private final ImmutableBitSet usedColumns;

    public StrataTableScan(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table, StrataTable strataTable,
                           AccessPath path) {
        this(cluster, traitSet, table, strataTable, path, null);
    }

    private StrataTableScan(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table, StrataTable strataTable,
                            AccessPath path, ImmutableBitSet usedColumns) {
        super(cluster, traitSet, List.of(), table);
        this.strataTable = requireNonNull(strataTable, "strataTable is null");
        this.path = requireNonNull(path, "path is null");
        this.usedColumns = usedColumns;
    }

    /**
     * This scan decoding only {@code used} fields; only valid when its one consumer reads no other
     * field (see {@code CalciteQueryPlanner.pruneScanColumns}).
     */
    public StrataTableScan withUsedColumns(ImmutableBitSet used) {
        return new StrataTableScan(getCluster(), getTraitSet(), getTable(), strataTable, path, used);
    }

    public StrataTable strataTable() {
        return strataTable;
    }

    public AccessPath path() {
        return path;
    }

    public StrataTableScan withPath(AccessPath newPath) {
        return new StrataTableScan(getCluster(), traitsFor(getCluster(), strataTable, newPath), getTable(), strataTable, newPath);
    }

    /**
     * Enumerable, and ordered by the handle column when the path reads in handle order (full
     * scan, handle range, point gets — TableAccess returns those in handle order), so an ORDER BY
     * on the primary key needs no sort and a LIMIT stops the scan early.
     */
    static RelTraitSet traitsFor(RelOptCluster cluster, StrataTable table, AccessPath path) {
        RelTraitSet traits = cluster.traitSetOf(org.apache.calcite.adapter.enumerable.EnumerableConvention.INSTANCE);
        int handle = table.def().handleColumnIndex();
        if (handle >= 0 && !path.viaIndex()) {
            traits = traits.replace(org.apache.calcite.rel.RelCollations.of(handle));
        }
        return traits;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StrataTableScan(getCluster(), traitSet, getTable(), strataTable, path, usedColumns);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("access", path.describe()).itemIf("pushed", path.pushed(), !path.pushed().isEmpty());
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        return path.estimateRows(getTable().getRowCount());
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double rows = estimateRowCount(mq);
        return planner.getCostFactory().makeCost(rows, rows, rows);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY, false);
        ScanOperator op = new ScanOperator(strataTable.def(), path, strataTable.withRowId(),
                usedColumns == null ? null : usedColumns.toBitSet());
        Expression stashed = implementor.stash(op, ScanOperator.class);
        return implementor.result(physType, Blocks.toBlock(Expressions.call(stashed, "scan", DataContext.ROOT)));
    }
}
