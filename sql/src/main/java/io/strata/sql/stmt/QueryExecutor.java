package io.strata.sql.stmt;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLAllColumnExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOpExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOperator;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLSelect;
import com.alibaba.druid.sql.ast.statement.SQLSelectItem;
import com.alibaba.druid.sql.ast.statement.SQLSelectQueryBlock;
import com.alibaba.druid.sql.ast.statement.SQLSelectStatement;
import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.ColumnMetas;
import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.exec.Row;
import io.strata.optimizer.plan.QueryPlanner;
import io.strata.sql.catalog.Catalog;
import io.strata.sql.exec.Coercion;
import io.strata.sql.session.StmtContext;
import io.strata.spi.Key;
import io.strata.spi.StrataException;
import io.strata.spi.codec.TableCodec;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.QueryResult;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * SELECT: the OLTP short path for point reads, {@code FOR UPDATE} locking, and everything else
 * through the planner.
 */
public final class QueryExecutor {

    public QueryResult select(SQLSelectStatement st, StmtContext ctx) {
        SQLSelect select = st.getSelect();
        if (select.getQuery() instanceof SQLSelectQueryBlock qb && qb.isForUpdate()) {
            return selectForUpdate(select, ctx);
        }
        QueryResult fast = pointSelect(select, ctx);
        if (fast != null) {
            return fast;
        }
        return ctx.services().planner().query(select, ctx);
    }

    /**
     * SELECT … FOR UPDATE: runs the query with row ids, takes pessimistic locks on the rows' keys,
     * and returns the rows without the id columns.
     */
    private QueryResult selectForUpdate(SQLSelect select, StmtContext ctx) {
        QueryResult r = ctx.services().planner().queryWithRowIds(select, ctx);
        List<ColumnMeta> cols = r.columns();
        List<Integer> idCols = new ArrayList<>();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            if (QueryPlanner.ROW_ID_COLUMN.equalsIgnoreCase(cols.get(i).name())) {
                idCols.add(i);
            } else {
                keep.add(i);
            }
        }
        List<Object[]> rows = Results.drain(r);
        List<TableDef> tables = baseTables(select, ctx);
        List<Key> keys = new ArrayList<>();
        for (Object[] row : rows) {
            for (int j = 0; j < idCols.size() && j < tables.size(); j++) {
                Object id = row[idCols.get(j)];
                TableDef t = tables.get(j);
                if (id instanceof Number n && !Catalog.isVirtual(t)) {
                    keys.add(TableCodec.rowKey(t.id(), n.longValue()));
                }
            }
        }
        if (!keys.isEmpty()) {
            ctx.transaction().lockKeys(keys);
        }
        List<ColumnMeta> outCols = new ArrayList<>();
        for (int i : keep) {
            outCols.add(cols.get(i));
        }
        List<Object[]> outRows = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Object[] o = new Object[keep.size()];
            for (int i = 0; i < o.length; i++) {
                o[i] = row[keep.get(i)];
            }
            outRows.add(o);
        }
        return Results.of(outCols, outRows);
    }

    /** The base tables of a simple FROM (a table, or a chain of joined tables), in order. */
    private static List<TableDef> baseTables(SQLSelect select, StmtContext ctx) {
        List<TableDef> out = new ArrayList<>();
        if (select.getQuery() instanceof SQLSelectQueryBlock qb) {
            collect(qb.getFrom(), ctx, out);
        }
        return out;
    }

    private static void collect(com.alibaba.druid.sql.ast.statement.SQLTableSource ts, StmtContext ctx, List<TableDef> out) {
        if (ts instanceof SQLExprTableSource e) {
            out.add(Names.resolve(ctx.catalog(), e, ctx.currentDatabase()));
        } else if (ts instanceof com.alibaba.druid.sql.ast.statement.SQLJoinTableSource j) {
            collect(j.getLeft(), ctx, out);
            collect(j.getRight(), ctx, out);
        }
    }

    /** A point read by primary key or single-column unique key, planned here; null if not that shape. */
    public record PointKey(TableDef table, String alias, IndexDef index, Object value) {
    }

    /**
     * Recognizes {@code FROM t [alias] WHERE keycol = literal-or-?} on a stored table whose key is
     * the handle or a single-column unique index. Returns null for anything else.
     */
    public static PointKey pointKey(SQLExprTableSource from, SQLExpr where, StmtContext ctx) {
        if (!(where instanceof SQLBinaryOpExpr b) || b.getOperator() != SQLBinaryOperator.Equality) {
            return null;
        }
        SQLExpr colExpr = b.getLeft();
        Object value = Exprs.literal(b.getRight(), ctx.parameters());
        if (value == Exprs.NOT_LITERAL) {
            colExpr = b.getRight();
            value = Exprs.literal(b.getLeft(), ctx.parameters());
            if (value == Exprs.NOT_LITERAL) {
                return null;
            }
        }
        if (!(colExpr instanceof SQLIdentifierExpr) && !(colExpr instanceof SQLPropertyExpr)) {
            return null;
        }
        if (!(from.getExpr() instanceof SQLIdentifierExpr) && !(from.getExpr() instanceof SQLPropertyExpr)) {
            return null;
        }
        TableDef table = ctx.catalog().table(Names.qualify(from, ctx.currentDatabase()).database(),
                Names.qualify(from, ctx.currentDatabase()).table()).orElse(null);
        if (table == null || Catalog.isVirtual(table)) {
            return null;
        }
        String alias = from.getAlias() != null ? Names.unquote(from.getAlias()) : Names.simple(from.getExpr());
        if (colExpr instanceof SQLPropertyExpr p && !Names.unquote(p.getOwnerName()).equalsIgnoreCase(alias)) {
            return null;
        }
        ColumnDef col = table.column(Names.simple(colExpr)).orElse(null);
        if (col == null) {
            return null;
        }
        IndexDef index = null;
        for (IndexDef idx : table.indexes()) {
            if (idx.unique() && idx.columnIds().size() == 1 && idx.columnIds().get(0) == col.id()) {
                index = idx;
                if (idx.primary()) {
                    break;
                }
            }
        }
        if (index == null) {
            return null;
        }
        if (value == null) {
            return new PointKey(table, alias, index, null);
        }
        // the key must convert to the column type without loss, else the planner compares properly
        List<String> problems = new ArrayList<>();
        Object key;
        try {
            key = new Coercion(false, (l, c, m) -> problems.add(m)).coerce(col, value, 1);
        } catch (StrataException e) {
            return null;
        }
        if (!problems.isEmpty() || (value instanceof String && !col.type().kind().isString())) {
            return null;
        }
        if (value instanceof java.math.BigDecimal bd && col.type().kind().isInteger() && bd.stripTrailingZeros().scale() > 0) {
            return null;
        }
        return new PointKey(table, alias, index, key);
    }

    /** Reads the rows a point key selects (zero or one). */
    public static List<Row> read(PointKey pk, StmtContext ctx) {
        List<Row> rows = new ArrayList<>();
        if (pk.value() == null) {
            return rows;
        }
        Iterator<Row> it = ctx.tables().indexLookup(ctx.transaction(), pk.table(), pk.index(), List.of(pk.value()));
        while (it.hasNext()) {
            rows.add(it.next());
        }
        return rows;
    }

    private QueryResult pointSelect(SQLSelect select, StmtContext ctx) {
        if (!(select.getQuery() instanceof SQLSelectQueryBlock qb) || select.getOrderBy() != null
                || select.getWithSubQuery() != null) {
            return null;
        }
        if (!(qb.getFrom() instanceof SQLExprTableSource from) || qb.getGroupBy() != null || qb.getDistionOption() != 0
                || qb.getInto() != null || qb.getOrderBy() != null || qb.getLimit() != null || from.getPartitionSize() > 0) {
            return null;
        }
        PointKey pk = pointKey(from, qb.getWhere(), ctx);
        if (pk == null) {
            return null;
        }
        TableDef t = pk.table();
        List<Integer> positions = new ArrayList<>();
        List<ColumnMeta> metas = new ArrayList<>();
        for (SQLSelectItem item : qb.getSelectList()) {
            SQLExpr e = item.getExpr();
            boolean star = e instanceof SQLAllColumnExpr
                    || (e instanceof SQLPropertyExpr p && "*".equals(p.getName())
                    && Names.unquote(p.getOwnerName()).equalsIgnoreCase(pk.alias()));
            if (star) {
                if (item.getAlias() != null) {
                    return null;
                }
                for (int i = 0; i < t.columns().size(); i++) {
                    positions.add(i);
                    ColumnDef c = t.columns().get(i);
                    metas.add(ColumnMetas.forColumn(t, pk.alias(), c, c.name()));
                }
                continue;
            }
            if (e instanceof SQLPropertyExpr p && !Names.unquote(p.getOwnerName()).equalsIgnoreCase(pk.alias())) {
                return null;
            }
            if (!(e instanceof SQLIdentifierExpr) && !(e instanceof SQLPropertyExpr)) {
                return null;
            }
            String name = Names.simple(e);
            int idx = t.columnIndex(name);
            if (idx < 0) {
                return null;
            }
            positions.add(idx);
            String label = item.getAlias() != null ? Names.unquote(item.getAlias()) : name;
            metas.add(ColumnMetas.forColumn(t, pk.alias(), t.columns().get(idx), label));
        }
        List<Object[]> out = new ArrayList<>();
        for (Row r : read(pk, ctx)) {
            Object[] o = new Object[positions.size()];
            for (int i = 0; i < o.length; i++) {
                o[i] = r.values()[positions.get(i)];
            }
            out.add(o);
        }
        return Results.of(metas, out);
    }
}
