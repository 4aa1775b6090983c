package io.strata.optimizer.calcite;

import io.strata.optimizer.exec.StatementContext;
import io.strata.optimizer.func.MysqlValues;

/**
 * Where a pushed-down key value comes from when the scan runs: a constant of the query or a
 * prepared-statement parameter. Plans are shared between executions, so parameter values are
 * read from the statement context at run time, never stored.
 *
 * @param constant   the engine value of a literal (when {@code paramIndex < 0})
 * @param paramIndex index of the dynamic parameter, or -1
 */
public record KeySource(Object constant, int paramIndex) {
    public static KeySource ofConstant(Object value) {
        return new KeySource(value, -1);
    }

    public static KeySource ofParam(int index) {
        return new KeySource(null, index);
    }

    public Object value(StatementContext ctx) {
        if (paramIndex < 0) {
            return constant;
        }
        Object[] params = ctx.parameters();
        return params == null || paramIndex >= params.length ? null : params[paramIndex];
    }

    @Override
    public String toString() {
        if (paramIndex >= 0) {
            return "?";
        }
        return constant instanceof String s ? "\"" + s + "\"" : String.valueOf(MysqlValues.toStr(constant));
    }
}
