package io.strata.optimizer.calcite;

import io.strata.optimizer.exec.StatementContext;
import io.strata.spi.codec.MemComparable;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What generated code sees of one execution: the statement context (session, transaction,
 * tables), parameter values converted to Calcite's representation by the types the plan was
 * compiled for, and the plan's stashed constants. A new one is built for every execution, so a
 * cached plan never holds a session.
 */
final class StrataDataContext implements DataContext {
    /** Key under which compileScalars' input row is visible to {@link InputTable}. */
    static final String INPUT_KEY = "strata.input";

    private final SchemaPlus rootSchema;
    private final JavaTypeFactory typeFactory;
    private final StatementContext ctx;
    private final Map<String, Object> stashed;
    private final String paramTags;
    private final Object[] input;
    private final AtomicBoolean cancel = new AtomicBoolean();

    StrataDataContext(SchemaPlus rootSchema, JavaTypeFactory typeFactory, StatementContext ctx, Map<String, Object> stashed,
                      String paramTags, Object[] input) {
        this.rootSchema = rootSchema;
        this.typeFactory = typeFactory;
        this.ctx = ctx;
        this.stashed = stashed;
        this.paramTags = paramTags;
        this.input = input;
    }

    @Override
    public SchemaPlus getRootSchema() {
        return rootSchema;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
        return typeFactory;
    }

    @Override
    public QueryProvider getQueryProvider() {
        return null;
    }

    @Override
    public Object get(String name) {
        if (FunctionBridge.CONTEXT_KEY.equals(name)) {
            return ctx;
        }
        if (INPUT_KEY.equals(name)) {
            return input;
        }
        if (name.startsWith("?")) {
            int i = Integer.parseInt(name.substring(1));
            Object[] params = ctx.parameters();
            Object v = params != null && i < params.length ? params[i] : null;
            char tag = i < paramTags.length() ? paramTags.charAt(i) : 'S';
            return InternalValues.toInternal(v, tag, InternalValues.scaleOfValue(v), ctx);
        }
        if (Variable.CANCEL_FLAG.camelName.equals(name)) {
            cancel.set(ctx.isCancelled());
            return cancel;
        }
        if (Variable.CURRENT_TIMESTAMP.camelName.equals(name) || Variable.LOCAL_TIMESTAMP.camelName.equals(name)
                || Variable.UTC_TIMESTAMP.camelName.equals(name)) {
            return MemComparable.datetimeToMicros(ctx.statementTime());
        }
        if (Variable.TIME_ZONE.camelName.equals(name)) {
            return TimeZone.getTimeZone("UTC");
        }
        return stashed.get(name);
    }
}
