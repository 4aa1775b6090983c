package io.strata.optimizer.calcite;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps Calcite's own temporal code away from Strata's temporal values. Inside generated code a
 * TIMESTAMP is a long of microseconds and a TIME a signed long of microseconds
 * ({@link InternalValues}); Calcite's CAST and literal code would read them as milliseconds. The
 * translator never writes a temporal CAST or literal, but Calcite adds some of its own (a CASE or
 * UNION aligning DATETIME(0) with DATETIME(6), a DATE widened to TIMESTAMP, a simplified
 * constant), so every plan passes through this shuttle: a CAST to or from DATE/TIME/TIMESTAMP
 * becomes the MySQL conversion function for its target type, and a temporal literal becomes that
 * function applied to the literal's text. Comparisons, ORDER BY, MIN/MAX and hashing need nothing:
 * they only compare the longs.
 */
final class TemporalRexRewriter extends RexShuttle {
    private final RexBuilder rb;
    private final MysqlOperators ops;

    TemporalRexRewriter(RexBuilder rb, MysqlOperators ops) {
        this.rb = rb;
        this.ops = ops;
    }

    /** The plan with every expression rewritten (inputs first). */
    RelNode rewrite(RelNode rel) {
        List<RelNode> inputs = new ArrayList<>(rel.getInputs().size());
        boolean changed = false;
        for (RelNode in : rel.getInputs()) {
            RelNode n = rewrite(in);
            inputs.add(n);
            changed |= n != in;
        }
        RelNode r = changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
        return r.accept(this);
    }

    private static boolean isTemporal(RelDataType t) {
        return switch (t.getSqlTypeName()) {
            case DATE, TIMESTAMP -> true;
            default -> false;
        };
    }

    @Override
    public RexNode visitCall(RexCall call) {
        RexNode visited = super.visitCall(call);
        if (visited.getKind() != SqlKind.CAST || !(visited instanceof RexCall cast)) {
            return visited;
        }
        RexNode x = cast.getOperands().get(0);
        RelDataType from = x.getType();
        RelDataType to = cast.getType();
        if (!isTemporal(from) && !isTemporal(to)) {
            return cast;
        }
        if (SqlTypeUtil.equalSansNullability(rb.getTypeFactory(), from, to)) {
            return cast;
        }
        String fn = conversion(to);
        if (fn == null) {
            return cast;
        }
        return rb.makeCall(to, ops.get(fn), List.of(x));
    }

    @Override
    public RexNode visitLiteral(RexLiteral literal) {
        RelDataType t = literal.getType();
        if (!isTemporal(t) || literal.isNull()) {
            return literal;
        }
        // DateString, TimeString and TimestampString print MySQL's literal forms
        String text = t.getSqlTypeName() == SqlTypeName.DATE
                ? literal.getValueAs(org.apache.calcite.util.DateString.class).toString()
                : literal.getValueAs(org.apache.calcite.util.TimestampString.class).toString();
        return rb.makeCall(t, ops.get(conversion(t)), List.of(rb.makeLiteral(text)));
    }

    /** The MySQL function converting any value to a type (no rounding: a CAST Calcite added is exact), or null. */
    private static String conversion(RelDataType to) {
        SqlTypeName n = to.getSqlTypeName();
        if (UnsignedBigintType.is(to)) {
            return "cast_unsigned";
        }
        if (TimeType.is(to)) {
            return "to_time";
        }
        return switch (n) {
            case DATE -> "cast_date";
            case TIMESTAMP -> "to_datetime";
            case CHAR, VARCHAR -> "cast_char";
            case BINARY, VARBINARY -> "cast_binary";
            case BIGINT -> "cast_signed";
            case DECIMAL -> "to_decimal";
            case FLOAT, REAL, DOUBLE -> "cast_double";
            case BOOLEAN -> "truth";
            default -> null;
        };
    }
}
