package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.NlsString;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushes key predicates of a Filter into the {@link StrataTableScan} below it, choosing an
 * {@link AccessPath}: equality on the integer handle → point get; an IN list (OR of equalities)
 * on it → batch point get; range comparisons on it → handle range; equalities on a leading
 * prefix of an index → index lookup (longest prefix, unique indexes first). Predicates the path
 * evaluates exactly are removed from the filter; the rest stay above the scan.
 *
 * <p>Only comparisons between a column and a constant or a parameter of a numeric/string type
 * qualify; anything involving MySQL conversions (a string column against a number, functions)
 * stays in the filter and is evaluated row by row.
 */
public final class PushDownRule extends RelOptRule {
    public PushDownRule() {
        super(operand(Filter.class, operand(StrataTableScan.class, none())), "StrataPushDownRule");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Filter filter = call.rel(0);
        StrataTableScan scan = call.rel(1);
        if (scan.path().kind() != AccessPath.Kind.FULL_SCAN) {
            return;
        }
        RexBuilder rb = filter.getCluster().getRexBuilder();
        RexNode condition = RexUtil.expandSearch(rb, null, filter.getCondition());
        List<RexNode> conjuncts = RelOptUtil.conjunctions(condition);
        TableDef table = scan.strataTable().def();
        int columnCount = table.columns().size();

        Map<Integer, Integer> eqConjunct = new HashMap<>();
        Map<Integer, KeySource> eq = new HashMap<>();
        int handle = table.handleColumnIndex();
        int inConjunct = -1;
        List<KeySource> inKeys = null;
        int indexInConjunct = -1;
        List<KeySource> indexInKeys = null;
        IndexDef indexInIndex = null;
        // the first lower and upper bound of each numeric column (handle and index ranges)
        Map<Integer, Bound> lowers = new HashMap<>();
        Map<Integer, Bound> uppers = new HashMap<>();
        for (int i = 0; i < conjuncts.size(); i++) {
            RexNode c = conjuncts.get(i);
            Comparison cmp = comparison(c, table);
            if (cmp != null) {
                switch (cmp.kind) {
                    case EQUALS -> {
                        if (!eq.containsKey(cmp.column)) {
                            eq.put(cmp.column, cmp.source);
                            eqConjunct.put(cmp.column, i);
                        }
                    }
                    case GREATER_THAN, GREATER_THAN_OR_EQUAL -> {
                        if (cmp.numeric) {
                            lowers.putIfAbsent(cmp.column, new Bound(cmp, i));
                        }
                    }
                    case LESS_THAN, LESS_THAN_OR_EQUAL -> {
                        if (cmp.numeric) {
                            uppers.putIfAbsent(cmp.column, new Bound(cmp, i));
                        }
                    }
                    default -> {
                    }
                }
                continue;
            }
            if (c.getKind() == SqlKind.OR) {
                if (handle >= 0 && inKeys == null) {
                    List<KeySource> keys = inList(c, handle, table);
                    if (keys != null) {
                        inKeys = keys;
                        inConjunct = i;
                        continue;
                    }
                }
                if (indexInKeys == null) {
                    for (IndexDef index : table.indexes()) {
                        if (index.primary() && table.pkIsHandle()) {
                            continue;
                        }
                        List<KeySource> keys = inList(c, table.columnIndexById(index.columnIds().get(0)), table);
                        if (keys != null) {
                            indexInKeys = keys;
                            indexInConjunct = i;
                            indexInIndex = index;
                            break;
                        }
                    }
                }
            }
        }

        AccessPath path = null;
        List<Integer> used = new ArrayList<>();
        if (handle >= 0 && eq.containsKey(handle)) {
            path = new AccessPath(AccessPath.Kind.POINT_GET, null, List.of(eq.get(handle)), null, false, null, false, "");
            used.add(eqConjunct.get(handle));
        } else if (inKeys != null) {
            path = new AccessPath(AccessPath.Kind.BATCH_POINT_GET, null, inKeys, null, false, null, false, "");
            used.add(inConjunct);
        } else {
            IndexDef best = null;
            int bestLen = 0;
            int bestRangeColumn = -1;
            boolean handleRange = lowers.containsKey(handle) || uppers.containsKey(handle);
            for (IndexDef index : table.indexes()) {
                if (index.primary() && table.pkIsHandle()) {
                    continue;
                }
                int len = 0;
                for (int colId : index.columnIds()) {
                    int pos = table.columnIndexById(colId);
                    if (pos < 0 || !eq.containsKey(pos)) {
                        break;
                    }
                    len++;
                }
                boolean full = index.unique() && len == index.columnIds().size();
                int rangeColumn = full || len == index.columnIds().size() ? -1 : table.columnIndexById(index.columnIds().get(len));
                if (rangeColumn >= 0 && (!signedInteger(table, rangeColumn)
                        || (!lowers.containsKey(rangeColumn) && !uppers.containsKey(rangeColumn))
                        || (len == 0 && handleRange))) {
                    rangeColumn = -1;
                }
                boolean bestFull = best != null && best.unique() && bestLen == best.columnIds().size();
                double score = len + (rangeColumn >= 0 ? 0.5 : 0);
                double bestScore = bestLen + (bestRangeColumn >= 0 ? 0.5 : 0);
                boolean better = score > 0 && !bestFull && (best == null || full || score > bestScore);
                if (better) {
                    best = index;
                    bestLen = len;
                    bestRangeColumn = rangeColumn;
                }
            }
            if (best != null) {
                List<KeySource> prefix = new ArrayList<>();
                for (int k = 0; k < bestLen; k++) {
                    int pos = table.columnIndexById(best.columnIds().get(k));
                    prefix.add(eq.get(pos));
                    used.add(eqConjunct.get(pos));
                }
                if (bestRangeColumn >= 0) {
                    // the range conjuncts stay in the filter too (NULLs, bound rounding): only the
                    // equality prefix is used up
                    path = range(AccessPath.Kind.INDEX_RANGE, best, prefix, lowers.get(bestRangeColumn), uppers.get(bestRangeColumn));
                } else {
                    path = new AccessPath(AccessPath.Kind.INDEX_LOOKUP, best, prefix, null, false, null, false, "");
                }
            } else if (indexInKeys != null) {
                path = new AccessPath(AccessPath.Kind.BATCH_INDEX_LOOKUP, indexInIndex, indexInKeys, null, false, null, false, "");
                used.add(indexInConjunct);
            } else if (handleRange) {
                Bound lo = lowers.get(handle);
                Bound hi = uppers.get(handle);
                path = range(AccessPath.Kind.HANDLE_RANGE, null, List.of(), lo, hi);
                if (lo != null) {
                    used.add(lo.conjunct);
                }
                if (hi != null) {
                    used.add(hi.conjunct);
                }
            }
        }
        if (path == null) {
            return;
        }
        List<RexNode> remaining = new ArrayList<>();
        List<String> pushed = new ArrayList<>();
        List<String> names = scan.getRowType().getFieldNames();
        for (int i = 0; i < conjuncts.size(); i++) {
            if (used.contains(i)) {
                pushed.add(ExplainWriter.rexToString(conjuncts.get(i), names));
            } else {
                remaining.add(conjuncts.get(i));
            }
        }
        path = new AccessPath(path.kind(), path.index(), path.keys(), path.lower(), path.lowerInclusive(), path.upper(),
                path.upperInclusive(), String.join(" and ", pushed));
        RelNode newScan = scan.withPath(path);
        RelNode result = remaining.isEmpty() ? newScan
                : filter.copy(filter.getTraitSet(), newScan, RexUtil.composeConjunction(rb, remaining));
        call.transformTo(result);
    }

    private record Comparison(SqlKind kind, int column, KeySource source, boolean numeric) {
    }

    /** A range comparison and the position of its conjunct in the filter. */
    private record Bound(Comparison cmp, int conjunct) {
    }

    /** A handle or index range path between two bounds, either of which may be absent. */
    private static AccessPath range(AccessPath.Kind kind, IndexDef index, List<KeySource> prefix, Bound lo, Bound hi) {
        return new AccessPath(kind, index, prefix, lo == null ? null : lo.cmp.source,
                lo != null && lo.cmp.kind == SqlKind.GREATER_THAN_OR_EQUAL, hi == null ? null : hi.cmp.source,
                hi != null && hi.cmp.kind == SqlKind.LESS_THAN_OR_EQUAL, "");
    }

    /** {@code $col op value} (either side), with value a literal or a parameter of a compatible type. */
    private static Comparison comparison(RexNode node, TableDef table) {
        int columnCount = table.columns().size();
        if (!(node instanceof RexCall call) || call.getOperands().size() != 2) {
            return null;
        }
        SqlKind kind = call.getKind();
        switch (kind) {
            case EQUALS, GREATER_THAN, GREATER_THAN_OR_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL -> {
            }
            default -> {
                return null;
            }
        }
        RexNode a = numericColumn(call.getOperands().get(0));
        RexNode b = numericColumn(call.getOperands().get(1));
        String keyed = sortKeyCollation(a);
        if (keyed != null) {
            // collate_key(col, c) = collate_key(v, c): an index on col stores sort keys under the
            // column's collation, so the lookup of v is exact when c is that collation
            if (!keyed.equals(sortKeyCollation(b)) || kind != SqlKind.EQUALS) {
                return null;
            }
            a = textColumn(((RexCall) a).getOperands().get(0));
            b = textColumn(((RexCall) b).getOperands().get(0));
            RexNode col = a instanceof RexInputRef ? a : b;
            if (!(col instanceof RexInputRef r) || r.getIndex() >= table.columns().size()
                    || !table.columns().get(r.getIndex()).collationInfo().name().equals(keyed)) {
                return null;
            }
        } else if (sortKeyCollation(b) != null) {
            return null;
        }
        if (!(a instanceof RexInputRef) && b instanceof RexInputRef) {
            RexNode t = a;
            a = b;
            b = t;
            kind = kind.reverse();
        }
        if (!(a instanceof RexInputRef ref) || ref.getIndex() >= columnCount) {
            return null;
        }
        boolean colNumeric = SqlTypeUtil.isNumeric(ref.getType());
        boolean colString = SqlTypeUtil.inCharFamily(ref.getType());
        KeySource src = source(b);
        if (src == null) {
            return null;
        }
        boolean valNumeric = SqlTypeUtil.isNumeric(stripCast(b).getType());
        boolean valString = SqlTypeUtil.inCharFamily(stripCast(b).getType());
        if ((colNumeric && !valNumeric) || (colString && !valString) || (!colNumeric && !colString)) {
            return null;
        }
        return new Comparison(kind, ref.getIndex(), src, colNumeric);
    }

    /** Columns an index range can bound: signed integers, whose bounds are signed longs. */
    private static boolean signedInteger(TableDef table, int column) {
        var type = table.columns().get(column).type();
        return type.kind().isInteger() && !type.unsigned() && type.kind() != io.strata.optimizer.catalog.TypeKind.BIT;
    }

    /** The collation name of a {@code collate_key(x, 'name')} call, else null. */
    static String sortKeyCollation(RexNode n) {
        if (n instanceof RexCall c && c.getOperator() instanceof MysqlSqlFunction f && f.getName().equalsIgnoreCase("collate_key")
                && c.getOperands().get(1) instanceof org.apache.calcite.rex.RexLiteral lit) {
            return lit.getValueAs(String.class);
        }
        return null;
    }

    /**
     * A text column widened by a cast for the comparison (VARCHAR(32) compared with a string
     * parameter becomes CAST(name AS VARCHAR)) compares like the column itself: no value changes.
     */
    private static RexNode textColumn(RexNode n) {
        if (n.getKind() == SqlKind.CAST) {
            RexNode inner = ((RexCall) n).getOperands().get(0);
            if (inner instanceof RexInputRef && SqlTypeUtil.inCharFamily(inner.getType()) && SqlTypeUtil.inCharFamily(n.getType())
                    && (n.getType().getPrecision() == org.apache.calcite.rel.type.RelDataType.PRECISION_NOT_SPECIFIED
                    || n.getType().getPrecision() >= inner.getType().getPrecision())
                    && java.util.Objects.equals(n.getType().getCharset(), inner.getType().getCharset())) {
                return inner;
            }
        }
        return n;
    }

    /**
     * A numeric column widened by a cast for the comparison (BIGINT id compared with 2.5 becomes
     * CAST(id AS DECIMAL) > 2.5) is compared exactly like the column itself.
     */
    private static RexNode numericColumn(RexNode n) {
        if (n.getKind() == SqlKind.CAST) {
            RexNode inner = ((RexCall) n).getOperands().get(0);
            if (inner instanceof RexInputRef && SqlTypeUtil.isNumeric(inner.getType()) && SqlTypeUtil.isNumeric(n.getType())) {
                return inner;
            }
        }
        return n;
    }

    private static RexNode stripCast(RexNode n) {
        while (n.getKind() == SqlKind.CAST) {
            n = ((RexCall) n).getOperands().get(0);
        }
        return n;
    }

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private static KeySource source(RexNode n) {
        RexNode s = stripCast(n);
        if (s instanceof RexDynamicParam p) {
            return KeySource.ofParam(p.getIndex());
        }
        if (s instanceof RexLiteral lit) {
            if (lit.isNull()) {
                return null;
            }
            if (SqlTypeUtil.isNumeric(lit.getType())) {
                BigDecimal d = lit.getValueAs(BigDecimal.class);
                if (SqlTypeUtil.isApproximateNumeric(lit.getType())) {
                    return KeySource.ofConstant(d == null ? null : d.doubleValue());
                }
                boolean fitsLong = d != null && d.scale() <= 0 && d.compareTo(LONG_MIN) >= 0 && d.compareTo(LONG_MAX) <= 0;
                return KeySource.ofConstant(fitsLong ? (Object) d.longValueExact() : d);
            }
            if (SqlTypeUtil.inCharFamily(lit.getType())) {
                NlsString ns = lit.getValueAs(NlsString.class);
                return ns == null ? null : KeySource.ofConstant(ns.getValue());
            }
        }
        return null;
    }

    /** An OR of equalities between one column and constants/params: the keys, else null. */
    private static List<KeySource> inList(RexNode or, int column, TableDef table) {
        List<KeySource> keys = new ArrayList<>();
        for (RexNode d : RelOptUtil.disjunctions(or)) {
            Comparison cmp = comparison(d, table);
            if (cmp == null || cmp.kind != SqlKind.EQUALS || cmp.column != column) {
                return null;
            }
            keys.add(cmp.source);
        }
        return keys.isEmpty() ? null : keys;
    }
}
