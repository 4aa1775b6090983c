package io.strata.optimizer.func;

import io.strata.optimizer.exec.StatementContext;

/**
 * The runtime body of one MySQL scalar function over engine Java values. Arguments arrive
 * already converted from Calcite's internal representation; the result is converted back by the
 * caller to the function's declared SQL type, so a body may return any numeric class for a
 * numeric result.
 */
@FunctionalInterface
public interface MysqlFunction {
    /**
     * @param ctx         the statement's context (warnings, session values); null only when
     *                    evaluated outside a statement
     * @param args        argument values; never reused by the caller after the call
     * @param result      the declared result: {@link ResultKind} and the scale of a DECIMAL
     */
    Object apply(StatementContext ctx, Object[] args, ResultKind result);
}
