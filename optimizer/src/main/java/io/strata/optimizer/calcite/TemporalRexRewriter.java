package io.strata.optimizer.calcite;

import io.strata.optimizer.func.MysqlTemporals;
import io.strata.spi.codec.MemComparable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
 *
 * <p>With {@code foldConstants} (the last pass, on the plan that is compiled) a conversion of a
 * string constant that is a valid value, such as the {@code to_datetime('2024-01-02')} of
 * {@code dt > '2024-01-02'}, becomes its internal value, so it is not parsed for every row; an
 * invalid one stays a call and warns when it runs.
 */
final class TemporalRexRewriter extends RexShuttle {
    private final RexBuilder rb;
    private final MysqlOperators ops;
    private final boolean foldConstants;

    TemporalRexRewriter(RexBuilder rb, MysqlOperators ops, boolean foldConstants) {
        this.rb = rb;
        this.ops = ops;
        this.foldConstants = foldConstants;
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
        if (foldConstants && r instanceof Calc calc) {
            // a program refers to its constants through local refs: fold on the expanded expressions
            RexProgram p = calc.getProgram();
            List<RexNode> projects = new ArrayList<>();
            for (RexLocalRef ref : p.getProjectList()) {
                projects.add(p.expandLocalRef(ref).accept(this));
            }
            RexNode condition = p.getCondition() == null ? null : p.expandLocalRef(p.getCondition()).accept(this);
            return calc.copy(calc.getTraitSet(), calc.getInput(),
                    RexProgram.create(p.getInputRowType(), projects, condition, p.getOutputRowType(), rb));
        }
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
        if (foldConstants && visited instanceof RexCall c && c.getOperator() instanceof MysqlSqlFunction f) {
            return fold(c, f.runtimeName());
        }
        if (!foldConstants && visited instanceof RexCall c && c.getOperator() instanceof MysqlSqlFunction f
                && TEXT_FUNCTIONS.contains(f.runtimeName())) {
            return withTemporalText(c);
        }
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
        String fn = conversion(t);
        RexNode converted = rb.makeCall(t, ops.get(fn), List.of(rb.makeLiteral(text)));
        return foldConstants ? fold((RexCall) converted, fn) : converted;
    }

    /**
     * Functions that read their arguments as strings. MySQL turns a DATETIME(fsp)/TIME(fsp) into
     * its text with exactly fsp fractional digits, which the value alone does not know, so such an
     * argument is given to them as {@code temporal_text(x, fsp)}.
     */
    private static final Set<String> TEXT_FUNCTIONS = Set.of("concat", "concat_ws", "length", "char_length", "upper",
            "lower", "substring", "trim", "ltrim", "rtrim", "replace", "left", "right", "lpad", "rpad", "locate", "instr",
            "reverse", "repeat", "like", "regexp", "cast_char", "strcmp", "ascii");

    private RexNode withTemporalText(RexCall call) {
        List<RexNode> operands = new ArrayList<>(call.getOperands());
        boolean changed = false;
        for (int i = 0; i < operands.size(); i++) {
            RelDataType t = operands.get(i).getType();
            if (t.getSqlTypeName() == SqlTypeName.TIMESTAMP && t.getPrecision() > 0) {
                RelDataType text = rb.getTypeFactory().createTypeWithNullability(
                        rb.getTypeFactory().createSqlType(SqlTypeName.VARCHAR), t.isNullable());
                operands.set(i, rb.makeCall(text, ops.get("temporal_text"),
                        List.of(operands.get(i), rb.makeExactLiteral(java.math.BigDecimal.valueOf(t.getPrecision())))));
                changed = true;
            }
        }
        return changed ? call.clone(call.getType(), operands) : call;
    }

    /**
     * A temporal conversion of a valid string constant as the constant it gives:
     * {@code REINTERPRET(micros)} (Calcite's no-op retyping) for DATETIME and TIME, of days for
     * DATE. Anything else is left as it is.
     */
    private RexNode fold(RexCall call, String function) {
        List<RexNode> operands = call.getOperands();
        if (operands.isEmpty() || !(operands.get(0) instanceof RexLiteral lit) || lit.isNull()
                || !SqlTypeUtil.inCharFamily(lit.getType())) {
            return call;
        }
        String text = lit.getValueAs(String.class);
        boolean rounds = function.startsWith("cast_");
        int fsp = call.getType().getPrecision();
        Number value;
        switch (function) {
            case "to_datetime", "cast_datetime" -> {
                LocalDateTime t = MysqlTemporals.parseDateTime(text);
                if (t == null) {
                    return call;
                }
                value = MemComparable.datetimeToMicros(rounds ? MysqlTemporals.round(t, fsp) : t);
            }
            case "to_time", "cast_time" -> {
                Long micros = MysqlTemporals.parseTimeMicros(text);
                if (micros == null || Math.abs(micros) > MysqlTemporals.TIME_MAX_MICROS) {
                    return call;
                }
                Duration d = MysqlTemporals.timeOfMicros(micros);
                value = MysqlTemporals.micros(rounds ? MysqlTemporals.round(d, fsp) : d);
            }
            case "cast_date" -> {
                LocalDateTime t = MysqlTemporals.parseDateTime(text);
                if (t == null) {
                    return call;
                }
                value = (int) t.toLocalDate().toEpochDay();
            }
            default -> {
                return call;
            }
        }
        SqlTypeName internal = value instanceof Integer ? SqlTypeName.INTEGER : SqlTypeName.BIGINT;
        RexNode constant = rb.makeLiteral(value, rb.getTypeFactory().createSqlType(internal));
        return rb.makeCall(call.getType(), SqlStdOperatorTable.REINTERPRET, List.of(constant));
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
