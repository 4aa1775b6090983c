package io.strata.optimizer.calcite;

import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.MysqlType;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.NlsString;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders a physical plan the way TiDB's EXPLAIN does: columns {@code id, estRows, task,
 * access object, operator info}, one row per operator, children indented under "└─". Table
 * access shows the chosen path (Point_Get, Batch_Point_Get, TableRangeScan, IndexLookUp,
 * TableFullScan) and the predicates pushed into it.
 */
final class ExplainWriter {
    static final List<ColumnMeta> COLUMNS = List.of(
            meta("id"), meta("estRows"), meta("task"), meta("access object"), meta("operator info"));

    private final List<Object[]> rows = new ArrayList<>();
    private final RelMetadataQuery mq;

    private ExplainWriter(RelMetadataQuery mq) {
        this.mq = mq;
    }

    private static ColumnMeta meta(String name) {
        return ColumnMeta.expression(name, MysqlType.VAR_STRING, 256, 31, 0, ColumnMeta.CHARSET_UTF8MB4);
    }

    static List<Object[]> explain(RelNode root) {
        ExplainWriter w = new ExplainWriter(root.getCluster().getMetadataQuery());
        w.visit(root, "", true, true);
        return w.rows;
    }

    private void visit(RelNode rel, String prefix, boolean last, boolean isRoot) {
        List<String[]> ops = describe(rel);
        String indent = prefix;
        for (int i = 0; i < ops.size(); i++) {
            String[] op = ops.get(i);
            String branch = isRoot && i == 0 ? "" : (last || i > 0 ? "└─" : "├─");
            String id = indent + branch + op[0] + "_" + rel.getId() + (i > 0 ? "_" + i : "");
            double est = mq.getRowCount(rel);
            rows.add(new Object[]{id, String.format(Locale.ROOT, "%.2f", est), op[1], op[2], op[3]});
            if (!(isRoot && i == 0)) {
                indent = indent + (last || i > 0 ? "  " : "│ ");
            }
            isRoot = false;
            last = true;
        }
        if (rel instanceof StrataLookupJoin lj) {
            // the inner table is read by key per outer row, never scanned: show the lookup, not the scan
            visit(lj.getLeft(), indent, false, false);
            String table = "table:" + lj.inner().def().name();
            String access = lj.index() == null ? table : table + ", index:" + lj.index().name();
            rows.add(new Object[]{indent + "└─" + (lj.index() == null ? "Point_Get" : "IndexLookUp") + "_" + rel.getId() + "_inner",
                    "1.00", "root", access, lj.index() == null ? "handle:outer key" : "range:outer key"});
            return;
        }
        List<RelNode> inputs = rel.getInputs();
        for (int i = 0; i < inputs.size(); i++) {
            visit(inputs.get(i), indent, i == inputs.size() - 1, false);
        }
    }

    /** One or more TiDB-style operators (name, task, access object, info) for a Calcite operator. */
    private List<String[]> describe(RelNode rel) {
        List<String> names = rel.getInputs().isEmpty() ? rel.getRowType().getFieldNames()
                : rel.getInputs().get(0).getRowType().getFieldNames();
        List<String[]> out = new ArrayList<>();
        if (rel instanceof StrataTableScan s) {
            AccessPath p = s.path();
            String table = "table:" + s.strataTable().def().name();
            String pushed = p.pushed().isEmpty() ? "" : ", pushed:" + p.pushed();
            switch (p.kind()) {
                case POINT_GET -> out.add(new String[]{"Point_Get", "root", table, "handle:" + p.keys().get(0) + pushed});
                case BATCH_POINT_GET -> out.add(new String[]{"Batch_Point_Get", "root", table, "handle:" + p.keys() + pushed});
                case HANDLE_RANGE -> out.add(new String[]{"TableRangeScan", "cop[row]", table, p.describe() + ", keep order:false" + pushed});
                case INDEX_LOOKUP -> {
                    boolean unique = p.index().unique() && p.keys().size() == p.index().columnIds().size();
                    // a full match on a unique index is a point get through the index, as in TiDB
                    out.add(new String[]{unique ? "Point_Get" : "IndexLookUp", "root",
                            table + ", index:" + p.index().name(), (unique ? "index value:" : "range:") + p.keys() + pushed});
                }
                case INDEX_RANGE -> out.add(new String[]{"IndexRangeScan", "root",
                        table + ", index:" + p.index().name(), p.describe().substring(p.describe().indexOf("range:")) + pushed});
                case BATCH_INDEX_LOOKUP -> out.add(new String[]{"IndexLookUp", "root",
                        table + ", index:" + p.index().name(), "in:" + p.keys() + pushed});
                default -> out.add(new String[]{"TableFullScan", "cop[row]", table, "keep order:false"});
            }
            return out;
        }
        if (rel instanceof Calc c) {
            RexProgram prog = c.getProgram();
            if (prog.getCondition() != null) {
                out.add(new String[]{"Selection", "root", "", rexToString(prog.expandLocalRef(prog.getCondition()), names)});
            }
            if (!prog.projectsOnlyIdentity()) {
                List<String> exprs = new ArrayList<>();
                for (RexLocalRef r : prog.getProjectList()) {
                    exprs.add(rexToString(prog.expandLocalRef(r), names));
                }
                out.add(0, new String[]{"Projection", "root", "", String.join(", ", exprs)});
            }
            if (out.isEmpty()) {
                out.add(new String[]{"Projection", "root", "", "identity"});
            }
            return out;
        }
        if (rel instanceof Filter f) {
            out.add(new String[]{"Selection", "root", "", rexToString(f.getCondition(), names)});
        } else if (rel instanceof Project p) {
            out.add(new String[]{"Projection", "root", "",
                    p.getProjects().stream().map(r -> rexToString(r, names)).collect(Collectors.joining(", "))});
        } else if (rel instanceof Aggregate a) {
            List<String> keys = a.getGroupSet().asList().stream().map(names::get).toList();
            List<String> funcs = new ArrayList<>();
            for (AggregateCall call : a.getAggCallList()) {
                funcs.add(call.getAggregation().getName().toLowerCase(Locale.ROOT) + "(" + (call.isDistinct() ? "distinct " : "")
                        + call.getArgList().stream().map(names::get).collect(Collectors.joining(", ")) + ")");
            }
            out.add(new String[]{"HashAgg", "root", "", (keys.isEmpty() ? "" : "group by:" + String.join(", ", keys) + ", ")
                    + "funcs:" + String.join(", ", funcs)});
        } else if (rel instanceof StrataLookupJoin lj) {
            List<String> both = new ArrayList<>(lj.getLeft().getRowType().getFieldNames());
            both.addAll(lj.getRight().getRowType().getFieldNames());
            out.add(new String[]{"IndexJoin", "root", "", lj.getJoinType().lowerName + " join, inner:" + lj.inner().def().name()
                    + ", condition:" + rexToString(lj.getCondition(), both)});
        } else if (rel instanceof Join j) {
            List<String> both = new ArrayList<>(j.getLeft().getRowType().getFieldNames());
            both.addAll(j.getRight().getRowType().getFieldNames());
            String kind = rel.getRelTypeName().contains("HashJoin") ? "HashJoin"
                    : rel.getRelTypeName().contains("MergeJoin") ? "MergeJoin" : "NestedLoopJoin";
            out.add(new String[]{kind, "root", "", j.getJoinType().lowerName + " join, condition:" + rexToString(j.getCondition(), both)});
        } else if (rel instanceof Correlate c) {
            out.add(new String[]{"Apply", "root", "", c.getJoinType().lowerName + " join"});
        } else if (rel instanceof Sort s) {
            String keys = s.getCollation().getFieldCollations().stream()
                    .map(fc -> names.get(fc.getFieldIndex()) + (fc.direction.isDescending() ? ":desc" : ""))
                    .collect(Collectors.joining(", "));
            String limit = (s.offset != null ? "offset:" + s.offset + ", " : "") + (s.fetch != null ? "count:" + s.fetch : "");
            if (keys.isEmpty()) {
                out.add(new String[]{"Limit", "root", "", limit});
            } else {
                out.add(new String[]{s.fetch != null ? "TopN" : "Sort", "root", "", keys + (limit.isEmpty() ? "" : ", " + limit)});
            }
        } else if (rel instanceof SetOp) {
            out.add(new String[]{"Union", "root", "", rel.getRelTypeName().replace("Enumerable", "").toLowerCase(Locale.ROOT)});
        } else if (rel instanceof Values v) {
            out.add(new String[]{"TableDual", "root", "", "rows:" + v.getTuples().size()});
        } else {
            out.add(new String[]{rel.getRelTypeName().replace("Enumerable", ""), "root", "", ""});
        }
        return out;
    }

    /** A compact rendering of a row expression with column names, e.g. {@code eq(t.id, 1)}. */
    static String rexToString(RexNode n, List<String> names) {
        if (n instanceof RexInputRef r) {
            return r.getIndex() < names.size() ? names.get(r.getIndex()) : "$" + r.getIndex();
        }
        if (n instanceof RexLiteral lit) {
            if (lit.isNull()) {
                return "NULL";
            }
            if (lit.getValue() instanceof NlsString s) {
                return "\"" + s.getValue() + "\"";
            }
            if (lit.getValue() instanceof java.math.BigDecimal d) {
                // getValue2 would give a DECIMAL's unscaled value
                return d.toPlainString();
            }
            return String.valueOf(lit.getValue2());
        }
        if (n instanceof RexDynamicParam) {
            return "?";
        }
        if (n instanceof RexCall c) {
            String args = c.getOperands().stream().map(o -> rexToString(o, names)).collect(Collectors.joining(", "));
            if (c.getKind() == SqlKind.CAST) {
                return args;
            }
            String op = switch (c.getKind()) {
                case EQUALS -> "eq";
                case NOT_EQUALS -> "ne";
                case LESS_THAN -> "lt";
                case LESS_THAN_OR_EQUAL -> "le";
                case GREATER_THAN -> "gt";
                case GREATER_THAN_OR_EQUAL -> "ge";
                case AND -> "and";
                case OR -> "or";
                case NOT -> "not";
                case IS_NULL -> "isnull";
                case IS_NOT_NULL -> "not(isnull)";
                default -> c.getOperator().getName().toLowerCase(Locale.ROOT);
            };
            return op + "(" + args + ")";
        }
        return n.toString();
    }
}
