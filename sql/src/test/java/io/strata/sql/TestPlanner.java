package io.strata.sql;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLOrderBy;
import com.alibaba.druid.sql.ast.expr.SQLAllColumnExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOpExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLMethodInvokeExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLSelect;
import com.alibaba.druid.sql.ast.statement.SQLSelectItem;
import com.alibaba.druid.sql.ast.statement.SQLSelectOrderByItem;
import com.alibaba.druid.sql.ast.statement.SQLSelectQueryBlock;
import com.alibaba.druid.sql.ast.SQLOrderingSpecification;
import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.ColumnMetas;
import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.exec.Row;
import io.strata.optimizer.exec.StatementContext;
import io.strata.optimizer.plan.QueryPlanner;
import io.strata.sql.stmt.Exprs;
import io.strata.sql.stmt.Names;
import io.strata.spi.ErrorCode;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.MysqlType;
import io.strata.spi.session.QueryResult;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * TEST DOUBLE, not a planner: interprets the handful of single-table SELECT shapes the sql
 * module's tests use (columns or *, WHERE of AND-ed comparisons with literals, ORDER BY columns,
 * LIMIT, @@variables, literal and +/- arithmetic scalars), so the SQL layer can be tested while
 * the Calcite planner lives in another module. Tests that need more run against the real planner.
 */
final class TestPlanner implements QueryPlanner {

    @Override
    public QueryResult query(SQLSelect select, StatementContext ctx) {
        return run(select, ctx, false);
    }

    @Override
    public QueryResult queryWithRowIds(SQLSelect select, StatementContext ctx) {
        return run(select, ctx, true);
    }

    @Override
    public List<ColumnMeta> describe(SQLSelect select, StatementContext ctx) {
        try (QueryResult r = run(select, ctx, false)) {
            return r.columns();
        }
    }

    @Override
    public QueryResult explain(SQLSelect select, StatementContext ctx) {
        return QueryResult.of(List.of(ColumnMeta.expression("id", MysqlType.VAR_STRING, 64, 0, 0, 255)),
                List.<Object[]>of(new Object[]{"TestPlanner"}));
    }

    @Override
    public ScalarProgram compileScalars(List<SQLExpr> expressions, List<String> inputNames, List<ColumnType> inputTypes,
                                        StatementContext ctx) {
        return (input, c) -> {
            Object[] out = new Object[expressions.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = eval(expressions.get(i), inputNames, input, c);
            }
            return out;
        };
    }

    private QueryResult run(SQLSelect select, StatementContext ctx, boolean rowIds) {
        SQLSelectQueryBlock qb = (SQLSelectQueryBlock) select.getQuery();
        if (qb.getFrom() == null) {
            List<ColumnMeta> cols = new ArrayList<>();
            Object[] row = new Object[qb.getSelectList().size()];
            for (int i = 0; i < row.length; i++) {
                SQLSelectItem item = qb.getSelectList().get(i);
                row[i] = eval(item.getExpr(), List.of(), new Object[0], ctx);
                String label = item.getAlias() != null ? Names.unquote(item.getAlias()) : item.getExpr().toString();
                cols.add(row[i] instanceof Long ? ColumnMeta.expression(label, MysqlType.LONGLONG, 21, 0, 0, 63)
                        : ColumnMeta.expression(label, MysqlType.VAR_STRING, 256, 31, 0, 255));
            }
            List<Object[]> rows = new ArrayList<>();
            rows.add(row);
            return QueryResult.of(cols, rows);
        }
        SQLExprTableSource ts = (SQLExprTableSource) qb.getFrom();
        TableDef t = Names.resolve((io.strata.sql.catalog.Catalog) ctx.catalog(), ts, ctx.currentDatabase());
        String alias = ts.getAlias() != null ? Names.unquote(ts.getAlias()) : t.name();
        List<String> names = new ArrayList<>();
        for (ColumnDef c : t.columns()) {
            names.add(c.name());
        }
        names.add(ROW_ID_COLUMN);
        List<Object[]> rows = new ArrayList<>();
        Iterator<Row> it = ctx.tables().scan(ctx.transaction(), t, Long.MIN_VALUE, Long.MAX_VALUE);
        while (it.hasNext()) {
            Row r = it.next();
            Object[] full = java.util.Arrays.copyOf(r.values(), r.values().length + 1);
            full[full.length - 1] = r.handle();
            if (qb.getWhere() == null || truthy(eval(qb.getWhere(), names, full, ctx))) {
                rows.add(full);
            }
        }
        SQLOrderBy orderBy = qb.getOrderBy() != null ? qb.getOrderBy() : select.getOrderBy();
        if (orderBy != null) {
            Comparator<Object[]> cmp = null;
            for (SQLSelectOrderByItem item : orderBy.getItems()) {
                int idx = names.indexOf(Names.simple(item.getExpr()));
                Comparator<Object[]> c = (a, b) -> compare(a[idx], b[idx]);
                if (item.getType() == SQLOrderingSpecification.DESC) {
                    c = c.reversed();
                }
                cmp = cmp == null ? c : cmp.thenComparing(c);
            }
            rows.sort(cmp);
        }
        if (qb.getLimit() != null) {
            long n = ((Number) Exprs.literal(qb.getLimit().getRowCount(), ctx.parameters())).longValue();
            rows = new ArrayList<>(rows.subList(0, (int) Math.min(n, rows.size())));
        }
        List<Integer> positions = new ArrayList<>();
        List<ColumnMeta> metas = new ArrayList<>();
        for (SQLSelectItem item : qb.getSelectList()) {
            SQLExpr e = item.getExpr();
            if (e instanceof SQLAllColumnExpr) {
                for (int i = 0; i < t.columns().size(); i++) {
                    positions.add(i);
                    metas.add(ColumnMetas.forColumn(t, alias, t.columns().get(i), t.columns().get(i).name()));
                }
                continue;
            }
            String name = Names.simple(e);
            int idx = names.stream().map(String::toLowerCase).toList().indexOf(name.toLowerCase());
            if (idx < 0) {
                throw ErrorCode.BAD_FIELD.error(name, "field list");
            }
            if (idx == names.size() - 1 && !rowIds) {
                throw ErrorCode.BAD_FIELD.error(name, "field list");
            }
            positions.add(idx);
            metas.add(idx < t.columns().size() ? ColumnMetas.forColumn(t, alias, t.columns().get(idx), name)
                    : ColumnMeta.expression(ROW_ID_COLUMN, MysqlType.LONGLONG, 20, 0, 0, 63));
        }
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : rows) {
            Object[] o = new Object[positions.size()];
            for (int i = 0; i < o.length; i++) {
                o[i] = r[positions.get(i)];
            }
            out.add(o);
        }
        return QueryResult.of(metas, out);
    }

    private static boolean truthy(Object v) {
        return v instanceof Number n ? n.doubleValue() != 0 : v instanceof Boolean b && b;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        return ((Comparable) a).compareTo(b);
    }

    private static Object eval(SQLExpr e, List<String> names, Object[] row, StatementContext ctx) {
        if (e instanceof SQLVariantRefExpr q && "?".equals(q.getName()) && ctx.parameters() == null) {
            return null; // describing a prepared statement: no values bound yet
        }
        if (e instanceof SQLPropertyExpr p && String.valueOf(p.getOwner()).startsWith("@@")) {
            return ctx.systemVariable(p.getName(), String.valueOf(p.getOwner()).equalsIgnoreCase("@@global"));
        }
        Object lit = Exprs.literal(e, ctx.parameters());
        if (lit != Exprs.NOT_LITERAL) {
            return lit;
        }
        if (e instanceof SQLIdentifierExpr || e instanceof SQLPropertyExpr) {
            String n = Names.simple(e);
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equalsIgnoreCase(n)) {
                    return row[i];
                }
            }
            throw ErrorCode.BAD_FIELD.error(n, "field list");
        }
        if (e instanceof SQLVariantRefExpr v) {
            String n = v.getName();
            if (v.isGlobal()) {
                return ctx.systemVariable(n, true); // Druid parses @@global.x as a global ref named x
            }
            if (n.startsWith("@@")) {
                String var = n.substring(2);
                boolean global = var.toLowerCase().startsWith("global.");
                var = var.replaceFirst("(?i)^(session|global|local)\\.", "");
                return ctx.systemVariable(var, global);
            }
            return ctx.userVariable(n.substring(1));
        }
        if (e instanceof SQLMethodInvokeExpr m) {
            String name = m.getMethodName().toLowerCase();
            if (name.equals("now")) {
                return ctx.statementTime();
            }
            if (name.equals("last_insert_id")) {
                return ctx.lastInsertId();
            }
        }
        if (e instanceof SQLBinaryOpExpr b) {
            Object l = eval(b.getLeft(), names, row, ctx);
            Object r = eval(b.getRight(), names, row, ctx);
            switch (b.getOperator()) {
                case BooleanAnd:
                    return truthy(l) && truthy(r) ? 1L : 0L;
                case BooleanOr:
                    return truthy(l) || truthy(r) ? 1L : 0L;
                default:
                    break;
            }
            if (l == null || r == null) {
                return null;
            }
            switch (b.getOperator()) {
                case Equality:
                    return compare(l, r) == 0 ? 1L : 0L;
                case NotEqual:
                case LessThanOrGreater:
                    return compare(l, r) != 0 ? 1L : 0L;
                case LessThan:
                    return compare(l, r) < 0 ? 1L : 0L;
                case LessThanOrEqual:
                    return compare(l, r) <= 0 ? 1L : 0L;
                case GreaterThan:
                    return compare(l, r) > 0 ? 1L : 0L;
                case GreaterThanOrEqual:
                    return compare(l, r) >= 0 ? 1L : 0L;
                case Add:
                    return arith(l, r, true);
                case Subtract:
                    return arith(l, r, false);
                default:
                    break;
            }
        }
        throw ErrorCode.NOT_SUPPORTED_YET.error("TestPlanner: " + e);
    }

    private static Object arith(Object l, Object r, boolean add) {
        if (l instanceof Long x && r instanceof Long y) {
            return add ? x + y : x - y;
        }
        BigDecimal x = new BigDecimal(l.toString());
        BigDecimal y = new BigDecimal(r.toString());
        return add ? x.add(y) : x.subtract(y);
    }
}
