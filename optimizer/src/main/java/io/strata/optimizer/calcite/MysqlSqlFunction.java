package io.strata.optimizer.calcite;

import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NotNullImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A MySQL function as a Calcite operator: typed by MySQL's rules at validation (its own
 * {@link SqlReturnTypeInference}), any operand types accepted (MySQL converts at run time), and
 * implemented in generated code by one call to {@link FunctionBridge#call}.
 *
 * <p>All these operators report themselves non-deterministic so that Calcite never folds them
 * into constants while planning: their values may depend on the session (NOW(), @@vars) and
 * their warnings must be raised when the statement runs, not when it is planned, since plans are
 * cached and shared.
 */
public final class MysqlSqlFunction extends SqlUserDefinedFunction {
    private static final Method BRIDGE;

    static {
        try {
            BRIDGE = FunctionBridge.class.getMethod("call", org.apache.calcite.DataContext.class, String.class,
                    String.class, char.class, int.class, Object[].class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String runtimeName;
    private final int minArgs;
    private final int maxArgs;

    MysqlSqlFunction(String sqlName, String runtimeName, int minArgs, int maxArgs, SqlReturnTypeInference returnType) {
        super(new SqlIdentifier(sqlName, SqlParserPos.ZERO), returnType, null, OperandTypes.VARIADIC, List.of(),
                new Body(runtimeName));
        this.runtimeName = runtimeName;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
    }

    public String runtimeName() {
        return runtimeName;
    }

    @Override
    public SqlOperandCountRange getOperandCountRange() {
        return SqlOperandCountRanges.between(minArgs, maxArgs);
    }

    @Override
    public boolean checkOperandTypes(SqlCallBinding callBinding, boolean throwOnFailure) {
        return true;
    }

    /**
     * Whether two calls with the same arguments in one statement give the same value. Calcite
     * will not move a filter with a non-deterministic call (for example a WHERE conjunction into
     * the join below it), so only the functions whose value can change between rows of one
     * statement are non-deterministic: RAND, SYSDATE (the wall clock, unlike NOW), variables
     * (an assignment can change them mid-statement) and LAST_INSERT_ID/ROW_COUNT (which a call
     * with an argument sets). Every function stays dynamic ({@link #isDynamicFunction}), so none
     * is folded to a constant in a cached plan.
     */
    @Override
    public boolean isDeterministic() {
        return !VOLATILE.contains(runtimeName);
    }

    private static final java.util.Set<String> VOLATILE = java.util.Set.of("rand", "sysdate", "sysvar", "uservar",
            "last_insert_id", "row_count");

    @Override
    public boolean isDynamicFunction() {
        return true;
    }

    @Override
    public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
        for (SqlNode operand : call.getOperandList()) {
            validator.deriveType(scope, operand);
        }
        return validateOperands(validator, scope, call);
    }

    /** The generated-code side: one static call with boxed operands and the types as constants. */
    private static final class Body implements ScalarFunction, ImplementableFunction {
        private final String runtimeName;

        Body(String runtimeName) {
            this.runtimeName = runtimeName;
        }

        @Override
        public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
            return typeFactory.createSqlType(SqlTypeName.ANY);
        }

        @Override
        public List<FunctionParameter> getParameters() {
            return List.of();
        }

        @Override
        public CallImplementor getImplementor() {
            NotNullImplementor impl = (translator, call, operands) -> {
                StringBuilder tags = new StringBuilder();
                for (RexNode o : call.getOperands()) {
                    tags.append(InternalValues.tag(o.getType()));
                }
                List<Expression> boxed = new ArrayList<>();
                for (Expression e : operands) {
                    Type t = e.getType();
                    Expression b = t instanceof Class<?> c && c.isPrimitive() ? Expressions.box(e) : e;
                    boxed.add(Expressions.convert_(b, Object.class));
                }
                RelDataType rt = call.getType();
                char tag = InternalValues.tag(rt);
                int scale = InternalValues.scaleOf(rt);
                Expression result = Expressions.call(BRIDGE, translator.getRoot(), Expressions.constant(runtimeName),
                        Expressions.constant(tags.toString()), Expressions.constant(tag), Expressions.constant(scale),
                        Expressions.newArrayInit(Object.class, boxed));
                return Expressions.convert_(result, javaClass(rt));
            };
            return RexImpTable.createImplementor(impl, NullPolicy.NONE, false);
        }
    }

    /** Boxed Java class of Calcite's internal representation of a type. */
    static Class<?> javaClass(RelDataType t) {
        return switch (t.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> Long.class;
            case DECIMAL -> BigDecimal.class;
            case FLOAT, REAL, DOUBLE -> Double.class;
            case CHAR, VARCHAR -> String.class;
            case BINARY, VARBINARY -> ByteString.class;
            case DATE -> Integer.class;
            case TIMESTAMP -> Long.class;
            case BOOLEAN -> Boolean.class;
            default -> Object.class;
        };
    }
}
