package io.strata.optimizer.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

/**
 * MySQL's comparison rule on top of Calcite's implicit coercion: a string compared with a number
 * compares as DOUBLE, the string read leniently ('12abc' is 12, with a warning). Calcite would
 * cast the string to the number's exact type and fail at run time on non-numeric text.
 *
 * <p>A temporal value compared with a string or with another temporal type compares as MySQL
 * does, as DATETIME (or TIME with TIME), through Strata's own conversions {@code to_datetime} /
 * {@code to_time} rather than Calcite's CAST, whose code assumes millisecond values (see
 * {@link TemporalRexRewriter}).
 *
 * <p>String-with-string comparison stays binary (code-point order, case-sensitive): Strata has no
 * collations yet, and the index key codec orders strings the same way, so pushed-down lookups
 * and row-by-row comparison agree.
 */
final class MysqlTypeCoercion extends TypeCoercionImpl {
    private final MysqlSqlFunction toDouble;
    private final MysqlSqlFunction toDatetime;
    private final MysqlSqlFunction toTime;

    MysqlTypeCoercion(RelDataTypeFactory typeFactory, SqlValidator validator, MysqlOperators ops) {
        super(typeFactory, validator);
        this.toDouble = ops.get("to_double");
        this.toDatetime = ops.get("to_datetime");
        this.toTime = ops.get("to_time");
    }

    @Override
    public boolean binaryComparisonCoercion(SqlCallBinding binding) {
        if (binding.getOperandCount() == 2) {
            RelDataType t0 = binding.getOperandType(0);
            RelDataType t1 = binding.getOperandType(1);
            if (isString(t0) && isNumber(t1)) {
                wrap(binding.getCall(), 0);
                return true;
            }
            if (isNumber(t0) && isString(t1)) {
                wrap(binding.getCall(), 1);
                return true;
            }
            if (isTemporal(t0) && isTemporal(t1) && temporalKind(t0) == temporalKind(t1)) {
                // values of one temporal kind compare as they are, whatever their fsp: Calcite's
                // common type would lose that a TIME is a TIME (TimeType)
                return false;
            }
            Boolean time = temporalComparison(t0, t1);
            if (time != null) {
                toTemporal(binding.getCall(), 0, t0, time);
                toTemporal(binding.getCall(), 1, t1, time);
                return true;
            }
        }
        return super.binaryComparisonCoercion(binding);
    }

    /** IN lists that mix strings and numbers compare as DOUBLE too (each string read leniently). */
    @Override
    public boolean inOperationCoercion(SqlCallBinding binding) {
        SqlCall call = binding.getCall();
        if (call.operandCount() == 2 && call.operand(1) instanceof org.apache.calcite.sql.SqlNodeList list) {
            RelDataType left = binding.getOperandType(0);
            if (isTemporal(left)) {
                boolean converted = false;
                for (int i = 0; i < list.size(); i++) {
                    RelDataType t = validator.deriveType(binding.getScope(), list.get(i));
                    Boolean time = temporalComparison(left, t);
                    if (time != null && time == TimeType.is(left) && !isTemporal(t)) {
                        SqlNode wrapped = (time ? toTime : toDatetime).createCall(SqlParserPos.ZERO, list.get(i));
                        list.set(i, wrapped);
                        updateInferredType(wrapped, temporalType(time, t));
                        converted = true;
                    }
                }
                if (converted) {
                    return true;
                }
            }
            boolean anyString = isString(left);
            boolean anyNumber = isNumber(left);
            for (SqlNode item : list) {
                RelDataType t = validator.deriveType(binding.getScope(), item);
                anyString |= isString(t);
                anyNumber |= isNumber(t);
            }
            if (anyString && anyNumber) {
                if (isString(left)) {
                    wrap(call, 0);
                }
                for (int i = 0; i < list.size(); i++) {
                    RelDataType t = validator.deriveType(binding.getScope(), list.get(i));
                    if (isString(t)) {
                        SqlNode wrapped = toDouble.createCall(SqlParserPos.ZERO, list.get(i));
                        list.set(i, wrapped);
                        updateInferredType(wrapped, doubleType());
                    }
                }
                return true;
            }
        }
        return super.inOperationCoercion(binding);
    }

    private RelDataType doubleType() {
        return factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.DOUBLE), true);
    }

    private void wrap(SqlCall call, int i) {
        SqlNode operand = call.operand(i);
        SqlNode wrapped = toDouble.createCall(SqlParserPos.ZERO, operand);
        call.setOperand(i, wrapped);
        RelDataType d = factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.DOUBLE), true);
        updateInferredType(wrapped, d);
    }

    private static boolean isTemporal(RelDataType t) {
        return SqlTypeUtil.isDatetime(t);
    }

    /**
     * How two operands compare when at least one is temporal and they differ: as TIME (true) for
     * a TIME with a string, else as DATETIME (false): a DATE or TIME meeting a DATETIME, a DATE
     * meeting a string or a TIME. Null when no temporal conversion applies.
     */
    private static Boolean temporalComparison(RelDataType a, RelDataType b) {
        boolean ta = isTemporal(a);
        boolean tb = isTemporal(b);
        if (!(ta && (tb || isString(b))) && !(tb && isString(a))) {
            return null;
        }
        if (ta && tb && temporalKind(a) == temporalKind(b)) {
            return null;
        }
        boolean anyTime = TimeType.is(a) || TimeType.is(b);
        return anyTime && (isString(a) || isString(b));
    }

    /** 0 DATE, 1 DATETIME, 2 TIME. */
    private static int temporalKind(RelDataType t) {
        return TimeType.is(t) ? 2 : t.getSqlTypeName() == SqlTypeName.DATE ? 0 : 1;
    }

    /** Wraps operand i in the conversion to TIME or DATETIME unless it already is one. */
    private void toTemporal(SqlCall call, int i, RelDataType type, boolean time) {
        if (isTemporal(type) && temporalKind(type) == (time ? 2 : 1)) {
            return;
        }
        SqlNode operand = call.operand(i);
        SqlNode wrapped = (time ? toTime : toDatetime).createCall(SqlParserPos.ZERO, operand);
        call.setOperand(i, wrapped);
        updateInferredType(wrapped, temporalType(time, type));
    }

    /** DATETIME/TIME converted from a value of {@code from}: as precise as a temporal source, 6 digits for a string. */
    private RelDataType temporalType(boolean time, RelDataType from) {
        int fsp = switch (from.getSqlTypeName()) {
            case TIMESTAMP -> from.getPrecision();
            case DATE -> 0;
            default -> 6;
        };
        return time ? TimeType.of(factory, fsp, true)
                : factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.TIMESTAMP, fsp), true);
    }

    private static boolean isString(RelDataType t) {
        return SqlTypeUtil.inCharFamily(t);
    }

    private static boolean isNumber(RelDataType t) {
        return SqlTypeUtil.isNumeric(t);
    }
}
