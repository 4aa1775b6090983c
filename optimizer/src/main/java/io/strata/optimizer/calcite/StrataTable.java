package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.catalog.TableStatistics;
import io.strata.optimizer.plan.QueryPlanner;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import static java.util.Objects.requireNonNull;

/**
 * A catalog table as Calcite sees it. Its rows come from {@link StrataTableScan}, which reads
 * through the statement's {@code TableAccess}. With {@code withRowId} the row type has one more
 * column, {@value QueryPlanner#ROW_ID_COLUMN}, the row handle (for UPDATE/DELETE).
 */
public final class StrataTable extends AbstractTable implements TranslatableTable {
    /** Rows assumed for a table while Strata has no statistics (TiDB's pseudo estimate). */
    public static final double PSEUDO_ROWS = 10000;

    private final TableDef def;
    private final boolean withRowId;
    private final TableStatistics statistics;

    public StrataTable(TableDef def, boolean withRowId) {
        this(def, withRowId, TableStatistics.NONE);
    }

    /** {@code statistics} is read at each planning, so new estimates apply to plans built after them. */
    public StrataTable(TableDef def, boolean withRowId, TableStatistics statistics) {
        this.def = requireNonNull(def, "def is null");
        this.withRowId = withRowId;
        this.statistics = requireNonNull(statistics, "statistics is null");
    }

    public TableDef def() {
        return def;
    }

    public boolean withRowId() {
        return withRowId;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder b = typeFactory.builder();
        for (ColumnDef c : def.columns()) {
            b.add(c.name(), InternalValues.relType(typeFactory, c.type(), c.nullable()));
        }
        if (withRowId) {
            b.add(QueryPlanner.ROW_ID_COLUMN, typeFactory.createSqlType(SqlTypeName.BIGINT));
        }
        return b.build();
    }

    /**
     * Rows and keys for Calcite's metadata. The keys are the handle, the row id, and every unique
     * index (the primary key among them) whose columns are all NOT NULL: a unique index admits
     * any number of NULLs, so a nullable one is no key. Calcite's column uniqueness and distinct
     * counts (a key has as many distinct values as rows) follow from them.
     */
    @Override
    public Statistic getStatistic() {
        List<ImmutableBitSet> keys = new ArrayList<>();
        int handle = def.handleColumnIndex();
        if (handle >= 0) {
            keys.add(ImmutableBitSet.of(handle));
        }
        if (withRowId) {
            keys.add(ImmutableBitSet.of(def.columns().size()));
        }
        for (IndexDef index : def.indexes()) {
            if (!index.unique()) {
                continue;
            }
            ImmutableBitSet.Builder columns = ImmutableBitSet.builder();
            boolean notNull = true;
            for (int id : index.columnIds()) {
                int column = def.columnIndexById(id);
                notNull &= !def.columns().get(column).nullable();
                columns.set(column);
            }
            ImmutableBitSet key = columns.build();
            if (notNull && !keys.contains(key)) {
                keys.add(key);
            }
        }
        return Statistics.of(Math.max(1, statistics.rowCount(def).orElse(PSEUDO_ROWS)), keys);
    }

    /**
     * Distinct non-null values ANALYZE counted in the column at {@code field} of the row type, if
     * known (the row id column has none: it is a key).
     */
    OptionalDouble distinctValues(int field) {
        if (field >= def.columns().size()) {
            return OptionalDouble.empty();
        }
        return statistics.distinctValues(def, def.columns().get(field).id());
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        RelOptCluster cluster = context.getCluster();
        return new StrataTableScan(cluster, StrataTableScan.traitsFor(cluster, this, AccessPath.fullScan()), relOptTable, this,
                AccessPath.fullScan());
    }
}
