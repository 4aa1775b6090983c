package io.strata.optimizer.calcite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.spi.collation.Collation;
import io.strata.spi.collation.Collations;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Gives text comparisons their MySQL collation. Runs once on the logical plan, after
 * decorrelation and before any other rule: it derives the collation of every text field bottom up
 * (a column's own collation, an explicit {@code COLLATE}, else the server default for literals and
 * expressions), and rewrites every place that compares strings under a collation that is not
 * plain binary so that it compares sort keys ({@code collate_key}) instead:
 * <ul>
 *   <li>comparisons ({@code = <> < <= > >=}, IN lists, {@code <=>}) and LIKE in filters,
 *       projections and join conditions — join keys become projected sort keys, so equi-joins stay
 *       hash joins;
 *   <li>GROUP BY / DISTINCT keys: grouped by sort key, reporting one of the group's values;
 *       COUNT(DISTINCT) counts distinct sort keys;
 *   <li>ORDER BY keys: sorted by sort key.
 * </ul>
 * The index lookups {@link PushDownRule} derives from {@code collate_key(col) = collate_key(v)}
 * look up the sort key of {@code v}, which is what indexes on the column store.
 *
 * <p>Every rewritten node keeps its row type, so parents and the statement's result columns are
 * unaffected. Not collation-aware yet (compared binary): UNION/INTERSECT/EXCEPT DISTINCT,
 * MIN/MAX of text, and string functions that search (LOCATE, INSTR, REPLACE, FIELD).
 */
final class CollationRewriter {
    private final RexBuilder rb;
    private final MysqlSqlFunction keyFn;
    private final MysqlSqlFunction likeKeyFn;
    private final MysqlSqlFunction collateFn;
    private final MysqlSqlFunction likeFn;
    private final MysqlSqlFunction nullSafeEqFn;

    /** The collation of one expression and how strongly it holds (MySQL's coercibility, lower wins). */
    private record Derived(Collation collation, int coercibility) {
        static final int EXPLICIT = 0;
        static final int IMPLICIT = 2;
        static final int COERCIBLE = 4;
    }

    private record Result(RelNode rel, Derived[] fields) {
    }

    CollationRewriter(RexBuilder rb, MysqlOperators ops) {
        this.rb = rb;
        this.keyFn = ops.get("collate_key");
        this.likeKeyFn = ops.get("collate_like_key");
        this.collateFn = ops.get("collate");
        this.likeFn = ops.get("like");
        this.nullSafeEqFn = ops.get("nullsafe_eq");
    }

    /** The rewritten plan, and whether ordering its output by {@code rootOrder} needs sort keys. */
    record Rewritten(RelNode rel, boolean rootOrderNeedsKeys) {
    }

    Rewritten rewrite(RelNode root, RelCollation rootOrder) {
        Result r = visit(root);
        boolean keys = false;
        for (RelFieldCollation fc : rootOrder.getFieldCollations()) {
            keys |= needsKey(r.fields[fc.getFieldIndex()]);
        }
        return new Rewritten(r.rel, keys);
    }

    private Result visit(RelNode rel) {
        if (rel instanceof TableScan scan) {
            return new Result(rel, scanFields(scan));
        }
        List<Result> inputs = new ArrayList<>();
        List<RelNode> newInputs = new ArrayList<>();
        for (RelNode in : rel.getInputs()) {
            Result r = visit(in);
            inputs.add(r);
            newInputs.add(r.rel);
        }
        if (rel instanceof Filter f) {
            Derived[] in = inputs.get(0).fields;
            RexNode cond = f.getCondition().accept(new ComparisonShuttle(in));
            return new Result(f.copy(f.getTraitSet(), newInputs.get(0), cond), in);
        }
        if (rel instanceof Project p) {
            Derived[] in = inputs.get(0).fields;
            ComparisonShuttle shuttle = new ComparisonShuttle(in);
            List<RexNode> exprs = new ArrayList<>();
            Derived[] out = new Derived[p.getProjects().size()];
            for (int i = 0; i < out.length; i++) {
                RexNode e = p.getProjects().get(i);
                out[i] = derive(e, in);
                exprs.add(e.accept(shuttle));
            }
            return new Result(p.copy(p.getTraitSet(), newInputs.get(0), exprs, p.getRowType()), out);
        }
        if (rel instanceof Join j) {
            Derived[] both = concat(inputs.get(0).fields, inputs.get(1).fields);
            RexNode cond = j.getCondition().accept(new ComparisonShuttle(both));
            Join copy = j.copy(j.getTraitSet(), cond, newInputs.get(0), newInputs.get(1), j.getJoinType(), j.isSemiJoinDone());
            RelNode out = cond.equals(j.getCondition()) ? copy : RelOptUtil.pushDownJoinConditions(copy);
            Derived[] fields = j.getJoinType().projectsRight() ? both : inputs.get(0).fields;
            return new Result(out, fields);
        }
        if (rel instanceof Aggregate a) {
            return aggregate(a, newInputs.get(0), inputs.get(0).fields);
        }
        if (rel instanceof Sort s) {
            return sort(s, newInputs.get(0), inputs.get(0).fields);
        }
        RelNode copy = newInputs.equals(rel.getInputs()) ? rel : rel.copy(rel.getTraitSet(), newInputs);
        Derived[] fields = inputs.size() == 1 && inputs.get(0).fields.length == rel.getRowType().getFieldCount()
                ? inputs.get(0).fields : defaults(rel.getRowType());
        return new Result(copy, fields);
    }

    private Derived[] scanFields(TableScan scan) {
        Derived[] out = defaults(scan.getRowType());
        if (scan instanceof StrataTableScan s) {
            TableDef def = s.strataTable().def();
            for (int i = 0; i < def.columns().size() && i < out.length; i++) {
                ColumnDef c = def.columns().get(i);
                if (ColumnDef.isCollated(c.type().kind())) {
                    out[i] = new Derived(c.collationInfo(), Derived.IMPLICIT);
                }
            }
        }
        return out;
    }

    private static Derived[] defaults(RelDataType rowType) {
        Derived[] out = new Derived[rowType.getFieldCount()];
        for (int i = 0; i < out.length; i++) {
            RelDataTypeField f = rowType.getFieldList().get(i);
            out[i] = SqlTypeUtil.inCharFamily(f.getType()) ? new Derived(Collations.DEFAULT, Derived.COERCIBLE) : null;
        }
        return out;
    }

    private static Derived[] concat(Derived[] a, Derived[] b) {
        Derived[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static boolean needsKey(Derived d) {
        return d != null && !d.collation.isIdentity();
    }

    // ------------------------------------------------------------------ GROUP BY, ORDER BY

    /**
     * GROUP BY a text key under a non-binary collation groups by the key's sort key; the group
     * reports MIN of its values (one of the spellings, chosen deterministically).
     */
    private Result aggregate(Aggregate a, RelNode input, Derived[] in) {
        int n = input.getRowType().getFieldCount();
        List<Integer> keyed = new ArrayList<>();
        for (int g : a.getGroupSet()) {
            if (needsKey(in[g])) {
                keyed.add(g);
            }
        }
        List<Integer> distinctArgs = new ArrayList<>();
        for (AggregateCall call : a.getAggCallList()) {
            if (call.isDistinct()) {
                for (int arg : call.getArgList()) {
                    if (needsKey(in[arg]) && !distinctArgs.contains(arg)) {
                        distinctArgs.add(arg);
                    }
                }
            }
        }
        Derived[] out = aggregateFields(a, in);
        if ((keyed.isEmpty() && distinctArgs.isEmpty()) || a.getGroupSets().size() != 1) {
            return new Result(a.copy(a.getTraitSet(), List.of(input)), out);
        }
        List<Integer> extraFor = new ArrayList<>(keyed);
        for (int d : distinctArgs) {
            if (!extraFor.contains(d)) {
                extraFor.add(d);
            }
        }
        RelNode projected = withKeys(input, in, extraFor);
        ImmutableBitSet.Builder groups = ImmutableBitSet.builder();
        for (int g : a.getGroupSet()) {
            groups.set(keyed.contains(g) ? n + extraFor.indexOf(g) : g);
        }
        ImmutableBitSet groupSet = groups.build();
        List<AggregateCall> calls = new ArrayList<>();
        for (AggregateCall call : a.getAggCallList()) {
            if (call.isDistinct()) {
                List<Integer> args = new ArrayList<>();
                for (int arg : call.getArgList()) {
                    args.add(distinctArgs.contains(arg) ? n + extraFor.indexOf(arg) : arg);
                }
                call = call.copy(args, call.filterArg, call.distinctKeys, call.collation);
            }
            calls.add(call);
        }
        int groupCount = groupSet.cardinality();
        for (int g : keyed) {
            calls.add(AggregateCall.create(SqlStdOperatorTable.MIN, false, false, false, List.of(), List.of(g), -1,
                    null, RelCollations.EMPTY, groupCount, projected, null, null));
        }
        Aggregate grouped = a.copy(a.getTraitSet(), projected, groupSet, null, calls);
        // back to the original layout: group keys in their order, then the aggregate calls
        List<RexNode> exprs = new ArrayList<>();
        List<Integer> newGroupOrder = groupSet.asList();
        for (int g : a.getGroupSet()) {
            if (keyed.contains(g)) {
                exprs.add(rb.makeInputRef(grouped, groupCount + a.getAggCallList().size() + keyed.indexOf(g)));
            } else {
                exprs.add(rb.makeInputRef(grouped, newGroupOrder.indexOf(g)));
            }
        }
        for (int i = 0; i < a.getAggCallList().size(); i++) {
            exprs.add(rb.makeInputRef(grouped, groupCount + i));
        }
        return new Result(restore(grouped, exprs, a.getRowType()), out);
    }

    private static Derived[] aggregateFields(Aggregate a, Derived[] in) {
        Derived[] out = defaults(a.getRowType());
        int i = 0;
        for (int g : a.getGroupSet()) {
            out[i++] = in[g];
        }
        for (AggregateCall call : a.getAggCallList()) {
            SqlKind k = call.getAggregation().getKind();
            if ((k == SqlKind.MIN || k == SqlKind.MAX || k == SqlKind.ANY_VALUE) && call.getArgList().size() == 1) {
                out[i] = in[call.getArgList().get(0)];
            }
            i++;
        }
        return out;
    }

    /** ORDER BY a text key under a non-binary collation sorts by the key's sort key. */
    private Result sort(Sort s, RelNode input, Derived[] in) {
        List<Integer> keyed = new ArrayList<>();
        for (RelFieldCollation fc : s.getCollation().getFieldCollations()) {
            if (needsKey(in[fc.getFieldIndex()]) && !keyed.contains(fc.getFieldIndex())) {
                keyed.add(fc.getFieldIndex());
            }
        }
        if (keyed.isEmpty()) {
            return new Result(s.copy(s.getTraitSet(), List.of(input)), in);
        }
        int n = input.getRowType().getFieldCount();
        RelNode projected = withKeys(input, in, keyed);
        List<RelFieldCollation> fields = new ArrayList<>();
        for (RelFieldCollation fc : s.getCollation().getFieldCollations()) {
            int f = fc.getFieldIndex();
            fields.add(keyed.contains(f) ? fc.withFieldIndex(n + keyed.indexOf(f)) : fc);
        }
        RelCollation collation = RelCollations.of(fields);
        Sort sorted = s.copy(s.getTraitSet().replace(collation), projected, collation, s.offset, s.fetch);
        List<RexNode> exprs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            exprs.add(rb.makeInputRef(sorted, i));
        }
        return new Result(restore(sorted, exprs, s.getRowType()), in);
    }

    /** {@code input} with the sort keys of {@code fields} appended. */
    private RelNode withKeys(RelNode input, Derived[] in, List<Integer> fields) {
        List<RexNode> exprs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < input.getRowType().getFieldCount(); i++) {
            exprs.add(rb.makeInputRef(input, i));
            names.add(input.getRowType().getFieldNames().get(i));
        }
        for (int f : fields) {
            exprs.add(key(rb.makeInputRef(input, f), in[f].collation));
            names.add("$key" + f);
        }
        return LogicalProject.create(input, List.of(), exprs, names, java.util.Set.of());
    }

    private static RelNode restore(RelNode input, List<RexNode> exprs, RelDataType rowType) {
        return LogicalProject.create(input, List.of(), exprs, rowType.getFieldNames(), java.util.Set.of());
    }

    // ------------------------------------------------------------------ expressions

    private RexNode key(RexNode e, Collation c) {
        return rb.makeCall(keyFn, e, rb.makeLiteral(c.name()));
    }

    /** The collation of a text expression; null for other types. */
    private Derived derive(RexNode e, Derived[] in) {
        if (!SqlTypeUtil.inCharFamily(e.getType())) {
            return null;
        }
        if (e instanceof RexInputRef ref) {
            Derived d = in[ref.getIndex()];
            return d != null ? d : new Derived(Collations.DEFAULT, Derived.COERCIBLE);
        }
        if (e instanceof RexCall call) {
            if (call.getOperator() == collateFn && call.getOperands().get(1) instanceof RexLiteral lit) {
                return new Derived(Collations.byName(lit.getValueAs(String.class)).orElse(Collations.DEFAULT), Derived.EXPLICIT);
            }
            Derived best = null;
            for (RexNode op : call.getOperands()) {
                Derived d = derive(op, in);
                if (d != null && (best == null || d.coercibility < best.coercibility)) {
                    best = d;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return new Derived(Collations.DEFAULT, Derived.COERCIBLE);
    }

    /** The collation two compared text operands agree on (the stronger one; the left on a tie). */
    private Collation common(RexNode a, RexNode b, Derived[] in) {
        Derived x = derive(a, in);
        Derived y = derive(b, in);
        if (x == null) {
            return y == null ? null : y.collation;
        }
        if (y == null) {
            return x.collation;
        }
        return y.coercibility < x.coercibility ? y.collation : x.collation;
    }

    private final class ComparisonShuttle extends RexShuttle {
        private final Derived[] in;

        ComparisonShuttle(Derived[] in) {
            this.in = in;
        }

        @Override
        public RexNode visitCall(RexCall call) {
            if (call.getKind() == SqlKind.SEARCH && text(call.getOperands().get(0))) {
                Collation coll = common(call.getOperands().get(0), call.getOperands().get(1), in);
                if (coll != null && !coll.isIdentity()) {
                    // IN lists and ranges of strings: compare each bound by sort key
                    return RexUtil.expandSearch(rb, null, call).accept(this);
                }
            }
            RexCall c = (RexCall) super.visitCall(call);
            boolean comparison = switch (c.getKind()) {
                case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
                     IS_NOT_DISTINCT_FROM, IS_DISTINCT_FROM -> true;
                default -> c.getOperator() == nullSafeEqFn;
            };
            if (comparison && c.getOperands().size() == 2 && text(c.getOperands().get(0)) && text(c.getOperands().get(1))) {
                Collation coll = common(c.getOperands().get(0), c.getOperands().get(1), in);
                if (coll != null && !coll.isIdentity()) {
                    return c.clone(c.getType(), List.of(key(c.getOperands().get(0), coll), key(c.getOperands().get(1), coll)));
                }
            }
            if (c.getOperator() == likeFn && text(c.getOperands().get(0))) {
                Collation coll = common(c.getOperands().get(0), c.getOperands().get(1), in);
                if (coll != null && !coll.caseSensitive()) {
                    List<RexNode> ops = new ArrayList<>(c.getOperands());
                    ops.set(0, rb.makeCall(likeKeyFn, ops.get(0), rb.makeLiteral(coll.name())));
                    ops.set(1, rb.makeCall(likeKeyFn, ops.get(1), rb.makeLiteral(coll.name())));
                    return c.clone(c.getType(), ops);
                }
            }
            return c;
        }

        private boolean text(RexNode e) {
            return SqlTypeUtil.inCharFamily(e.getType());
        }
    }
}
