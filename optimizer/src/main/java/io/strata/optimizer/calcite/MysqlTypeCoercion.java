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
 * <p>String-with-string comparison stays binary (code-point order, case-sensitive): Strata has no
 * collations yet, and the index key codec orders strings the same way, so pushed-down lookups
 * and row-by-row comparison agree.
 */
final class MysqlTypeCoercion extends TypeCoercionImpl {
    private final MysqlSqlFunction toDouble;

    MysqlTypeCoercion(RelDataTypeFactory typeFactory, SqlValidator validator, MysqlOperators ops) {
        super(typeFactory, validator);
        this.toDouble = ops.get("to_double");
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
        }
        return super.binaryComparisonCoercion(binding);
    }

    /** IN lists that mix strings and numbers compare as DOUBLE too (each string read leniently). */
    @Override
    public boolean inOperationCoercion(SqlCallBinding binding) {
        SqlCall call = binding.getCall();
        if (call.operandCount() == 2 && call.operand(1) instanceof org.apache.calcite.sql.SqlNodeList list) {
            RelDataType left = binding.getOperandType(0);
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

    private static boolean isString(RelDataType t) {
        return SqlTypeUtil.inCharFamily(t);
    }

    private static boolean isNumber(RelDataType t) {
        return SqlTypeUtil.isNumeric(t);
    }
}
