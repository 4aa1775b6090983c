package io.strata.optimizer.calcite;

import io.strata.optimizer.exec.StatementContext;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.QueryResult;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.schema.SchemaPlus;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A compiled, executable SELECT: the bound plan (generated and compiled once), its result
 * metadata, and what it assumed about the session when it was compiled. Immutable and shared by
 * every execution; each execution gets its own {@link StrataDataContext}.
 */
final class CompiledQuery {
    private final Bindable<?> bindable;
    private final Map<String, Object> stashed;
    private final List<ColumnMeta> columns;
    private final char[] outputTags;
    private final String paramTags;
    private final List<DruidTranslator.Assumption> assumptions;
    /** EXPLAIN rows, rendered at compile time so the cache does not keep the planner's graph alive. */
    private final List<Object[]> explainRows;
    private final SchemaPlus rootSchema;
    private final JavaTypeFactory typeFactory;

    CompiledQuery(Bindable<?> bindable, Map<String, Object> stashed, List<ColumnMeta> columns, char[] outputTags,
                  String paramTags, List<DruidTranslator.Assumption> assumptions, List<Object[]> explainRows, SchemaPlus rootSchema,
                  JavaTypeFactory typeFactory) {
        this.bindable = bindable;
        this.stashed = Map.copyOf(stashed);
        this.columns = List.copyOf(columns);
        this.outputTags = outputTags.clone();
        this.paramTags = paramTags;
        this.assumptions = List.copyOf(assumptions);
        this.explainRows = List.copyOf(explainRows);
        this.rootSchema = rootSchema;
        this.typeFactory = typeFactory;
    }

    List<ColumnMeta> columns() {
        return columns;
    }

    /** A fresh copy of the EXPLAIN rows (the consumer owns returned arrays). */
    List<Object[]> explainRows() {
        List<Object[]> out = new java.util.ArrayList<>();
        for (Object[] r : explainRows) {
            out.add(r.clone());
        }
        return out;
    }

    /** True if the session values this plan typed (variables) still have those types. */
    boolean assumptionsHold(StatementContext ctx) {
        for (DruidTranslator.Assumption a : assumptions) {
            Object v = a.kind() == 'u' ? ctx.userVariable(a.name()) : ctx.systemVariable(a.name(), a.global());
            char tag = v == null ? 'S' : InternalValues.tagOfValue(v);
            if (tag != a.tag() || InternalValues.scaleOfValue(v) != a.scale()) {
                return false;
            }
        }
        return true;
    }

    QueryResult execute(StatementContext ctx, Object[] input) {
        StrataDataContext dc = new StrataDataContext(rootSchema, typeFactory, ctx, stashed, paramTags, input);
        Enumerator<?> e;
        try {
            @SuppressWarnings("unchecked")
            Enumerable<Object> en = (Enumerable<Object>) bindable.bind(dc);
            e = en.enumerator();
        } catch (RuntimeException | LinkageError ex) {
            throw ErrorMapper.map(ex);
        }
        return new Result(e);
    }

    /** Streams rows, converting Calcite values to engine values; errors surface as StrataException. */
    private final class Result implements QueryResult {
        private final Enumerator<?> enumerator;
        private boolean closed;

        Result(Enumerator<?> enumerator) {
            this.enumerator = enumerator;
        }

        @Override
        public List<ColumnMeta> columns() {
            return columns;
        }

        @Override
        public Iterator<Object[]> rows() {
            return new Iterator<>() {
                private Object[] next;
                private boolean done;

                @Override
                public boolean hasNext() {
                    if (next != null) {
                        return true;
                    }
                    if (done || closed) {
                        return false;
                    }
                    try {
                        if (!enumerator.moveNext()) {
                            done = true;
                            close();
                            return false;
                        }
                        next = convert(enumerator.current());
                        return true;
                    } catch (RuntimeException | LinkageError ex) {
                        done = true;
                        close();
                        throw ErrorMapper.map(ex);
                    }
                }

                @Override
                public Object[] next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Object[] r = next;
                    next = null;
                    return r;
                }
            };
        }

        private Object[] convert(Object current) {
            Object[] raw;
            if (outputTags.length == 1) {
                raw = current instanceof Object[] a && a.length == 1 ? a : new Object[]{current};
            } else {
                raw = (Object[]) current;
            }
            Object[] out = new Object[outputTags.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = InternalValues.toExternal(raw[i], outputTags[i]);
            }
            return out;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                enumerator.close();
            }
        }
    }
}
