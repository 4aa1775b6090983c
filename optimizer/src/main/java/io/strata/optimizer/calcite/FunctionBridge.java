package io.strata.optimizer.calcite;

import io.strata.optimizer.exec.StatementContext;
import io.strata.optimizer.func.MysqlFunction;
import io.strata.optimizer.func.MysqlFunctions;
import io.strata.optimizer.func.ResultKind;
import io.strata.spi.ErrorCode;
import org.apache.calcite.DataContext;

/**
 * The one entry point generated code calls for Strata's MySQL functions: converts arguments from
 * Calcite's internal representation to engine values, runs the body from {@link MysqlFunctions}
 * with the statement's context (read from the {@link DataContext}, so cached plans never hold a
 * session), and converts the result back to the declared type.
 */
public final class FunctionBridge {
    /** DataContext key under which {@link StrataDataContext} exposes the {@link StatementContext}. */
    public static final String CONTEXT_KEY = "strata.statementContext";

    private FunctionBridge() {
    }

    public static Object call(DataContext root, String name, String argTags, char resultTag, int resultScale, Object[] args) {
        MysqlFunction f = MysqlFunctions.lookup(name);
        if (f == null) {
            throw ErrorCode.SP_DOES_NOT_EXIST.error(name);
        }
        StatementContext ctx = root == null ? null : (StatementContext) root.get(CONTEXT_KEY);
        Object[] external = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            external[i] = InternalValues.toExternal(args[i], i < argTags.length() ? argTags.charAt(i) : ResultKind.OTHER);
        }
        Object result = f.apply(ctx, external, new ResultKind(resultTag, resultScale));
        return InternalValues.toInternal(result, resultTag, resultScale, ctx);
    }
}
