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
import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;

import java.util.List;

/**
 * Drops an ascending ORDER BY that the rows already satisfy because of how the Strata scan below
 * reads them (possibly through filters and projections), keeping any OFFSET/LIMIT. With the sort
 * gone, LIMIT stops pulling from the scan after n rows instead of reading the whole range — the
 * usual OLTP "ORDER BY id LIMIT n". Two orders are known:
 * <ul>
 *   <li>a scan of the table (full or a handle range) returns rows in handle order: ORDER BY the
 *       integer primary key;</li>
 *   <li>an index lookup on an equality prefix, or an index range, returns rows in the order of
 *       the index's remaining columns: ORDER BY those columns in index order, the prefix columns
 *       (constants) allowed anywhere. TPC-C's {@code WHERE no_w_id = ? AND no_d_id = ? ORDER BY
 *       no_o_id LIMIT 1} on the primary key (no_w_id, no_d_id, no_o_id) reads one entry. Only
 *       signed integer columns qualify: their key encoding sorts exactly as their values (NULL
 *       first, as MySQL orders ascending), while text keys are collation sort keys and unsigned
 *       BIGINT keys change encoding above 2^63.</li>
 * </ul>
 */
public final class SortByHandleRule extends RelOptRule {
    public SortByHandleRule() {
        super(operand(LogicalSort.class, any()), "StrataSortByHandleRule");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalSort sort = call.rel(0);
        List<RelFieldCollation> collations = sort.getCollation().getFieldCollations();
        if (collations.isEmpty()) {
            return;
        }
        int[] fields = new int[collations.size()];
        for (int i = 0; i < fields.length; i++) {
            RelFieldCollation fc = collations.get(i);
            if (fc.direction != RelFieldCollation.Direction.ASCENDING || fc.nullDirection == RelFieldCollation.NullDirection.LAST) {
                return;
            }
            fields[i] = fc.getFieldIndex();
        }
        RelNode n = unwrap(sort.getInput());
        while (true) {
            if (n instanceof Project p) {
                for (int i = 0; i < fields.length; i++) {
                    RexNode e = p.getProjects().get(fields[i]);
                    if (!(e instanceof RexInputRef ref)) {
                        return;
                    }
                    fields[i] = ref.getIndex();
                }
                n = unwrap(p.getInput());
            } else if (n instanceof Filter f) {
                n = unwrap(f.getInput());
            } else {
                break;
            }
        }
        if (!(n instanceof StrataTableScan scan) || !inScanOrder(scan, fields)) {
            return;
        }
        if (sort.offset == null && sort.fetch == null) {
            call.transformTo(sort.getInput());
        } else {
            call.transformTo(LogicalSort.create(sort.getInput(), RelCollations.EMPTY, sort.offset, sort.fetch));
        }
    }

    /** True when the scan returns its rows ordered by the given fields of its row (ascending, NULLs first). */
    static boolean inScanOrder(StrataTableScan scan, int[] fields) {
        AccessPath path = scan.path();
        TableDef table = scan.strataTable().def();
        if (!path.viaIndex()) {
            // handle order; the handle is unique, so sort keys after it change nothing
            return path.kind() != AccessPath.Kind.BATCH_POINT_GET && table.handleColumnIndex() >= 0
                    && table.handleColumnIndex() == fields[0];
        }
        if (path.kind() == AccessPath.Kind.BATCH_INDEX_LOOKUP) {
            return false;
        }
        IndexDef index = path.index();
        int prefix = path.keys().size();
        int[] columns = new int[index.columnIds().size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = table.columnIndexById(index.columnIds().get(i));
        }
        int next = prefix;
        for (int f : fields) {
            if (indexOf(columns, f, 0, prefix) >= 0) {
                continue; // equal to a constant in every row
            }
            if (next >= columns.length || columns[next] != f || !keyOrdered(table.columns().get(f).type())) {
                return false;
            }
            next++;
        }
        return true;
    }

    private static int indexOf(int[] a, int v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    /** Columns whose index key encoding sorts exactly as MySQL orders their values. */
    private static boolean keyOrdered(ColumnType type) {
        return switch (type.kind()) {
            case TINYINT, SMALLINT, MEDIUMINT, INT -> true;
            case BIGINT -> !type.unsigned();
            default -> false;
        };
    }

    private static RelNode unwrap(RelNode n) {
        return n instanceof HepRelVertex v ? v.getCurrentRel() : n;
    }
}
