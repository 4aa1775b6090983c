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
import io.strata.sql.session.PlanSlot;
import io.strata.sql.session.StmtContext;
import io.strata.spi.ErrorCode;
import io.strata.spi.Key;
import io.strata.spi.StrataException;
import io.strata.spi.codec.TableCodec;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.QueryResult;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

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
        QueryResult fast = pointSelect(select, ctx, false);
        if (fast != null) {
            return fast;
        }
        return ctx.services().planner().query(select, ctx);
    }

    /**
     * SELECT … FOR UPDATE: adds the row id of every base table to the select list, runs the query
     * with row ids, takes pessimistic locks on those rows' keys, and returns the rows without the
     * added columns. Grouped or DISTINCT queries (whose rows are not table rows) run unlocked.
     */
    private QueryResult selectForUpdate(SQLSelect select, StmtContext ctx) {
        QueryResult point = pointSelect(select, ctx, true);
        if (point != null) {
            return point;
        }
        SQLSelectQueryBlock original = (SQLSelectQueryBlock) select.getQuery();
        if (original.getGroupBy() != null || original.getDistionOption() != 0) {
            return ctx.services().planner().query(select, ctx);
        }
        SQLSelect copy = select.clone();
        SQLSelectQueryBlock qb = (SQLSelectQueryBlock) copy.getQuery();
        List<TableDef> tables = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        collect(qb.getFrom(), ctx, tables, aliases);
        int visible = -1;
        for (int i = 0; i < tables.size(); i++) {
            qb.addSelectItem(new SQLSelectItem(new SQLPropertyExpr(aliases.get(i), QueryPlanner.ROW_ID_COLUMN),
                    QueryPlanner.ROW_ID_COLUMN + "_" + i));
        }
        QueryResult r = ctx.services().planner().queryWithRowIds(copy, ctx);
        List<ColumnMeta> cols = r.columns();
        visible = cols.size() - tables.size();
        List<Object[]> rows = Results.drain(r);
        List<Key> keys = new ArrayList<>();
        for (Object[] row : rows) {
            for (int j = 0; j < tables.size(); j++) {
                Object id = row[visible + j];
                TableDef t = tables.get(j);
                if (id instanceof Number n && !Catalog.isVirtual(t)) {
                    keys.add(TableCodec.rowKey(t.id(), n.longValue()));
                }
            }
        }
        if (!keys.isEmpty()) {
            ctx.transaction().lockKeys(keys);
        }
        List<Object[]> outRows = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            outRows.add(java.util.Arrays.copyOf(row, visible));
        }
        return Results.of(cols.subList(0, visible), outRows);
    }

    /** The base tables of a FROM (a table, or joined tables) in order, with the names the query uses for them. */
    private static void collect(com.alibaba.druid.sql.ast.statement.SQLTableSource ts, StmtContext ctx,
                                List<TableDef> out, List<String> aliases) {
        if (ts instanceof SQLExprTableSource e) {
            TableDef t = Names.resolve(ctx.catalog(), e, ctx.currentDatabase());
            out.add(t);
            aliases.add(e.getAlias() != null ? Names.unquote(e.getAlias()) : Names.simple(e.getExpr()));
        } else if (ts instanceof com.alibaba.druid.sql.ast.statement.SQLJoinTableSource j) {
            collect(j.getLeft(), ctx, out, aliases);
            collect(j.getRight(), ctx, out, aliases);
        } else if (ts != null) {
            throw ErrorCode.NOT_SUPPORTED_YET.error("FOR UPDATE over a derived table");
        }
    }

    /**
     * A point read by the primary key or a unique key, planned here; null if not that shape.
     * {@code values} are the key's values in index-column order.
     */
    public record PointKey(TableDef table, String alias, IndexDef index, List<Object> values) {
    }

    /**
     * The parameter-independent part of a point read: table, the unique index and its key
     * columns, and the expressions (literals or {@code ?}) that give the key values, all in
     * index-column order.
     */
    record PointTarget(TableDef table, String alias, IndexDef index, List<ColumnDef> columns, List<SQLExpr> valueExprs) {
    }

    /**
     * Recognizes {@code FROM t [alias] WHERE k1 = v1 AND k2 = v2 …} on a stored table, the
     * {@code k}s exactly the columns of its primary key or of a unique key and the {@code v}s
     * literals or {@code ?} (TPC-C's {@code WHERE d_w_id = ? AND d_id = ?}). Returns null for
     * anything else, which the planner handles.
     */
    public static PointKey pointKey(SQLExprTableSource from, SQLExpr where, StmtContext ctx) {
        PointTarget target = pointTarget(from, where, ctx);
        return target == null ? null : bind(target, ctx.parameters());
    }

    /** Most columns a point key may have (the conjuncts of a WHERE looked at). */
    private static final int MAX_KEY_COLUMNS = 8;

    /** The point-read shape of {@code FROM … WHERE …} against the statement's catalog, or null. */
    static PointTarget pointTarget(SQLExprTableSource from, SQLExpr where, StmtContext ctx) {
        List<SQLExpr> conjuncts = new ArrayList<>();
        if (!conjuncts(where, conjuncts)) {
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
        List<ColumnDef> cols = new ArrayList<>(conjuncts.size());
        List<SQLExpr> values = new ArrayList<>(conjuncts.size());
        for (SQLExpr c : conjuncts) {
            if (!(c instanceof SQLBinaryOpExpr b) || b.getOperator() != SQLBinaryOperator.Equality) {
                return null;
            }
            SQLExpr colExpr = b.getLeft();
            SQLExpr valueExpr = b.getRight();
            if (Exprs.literal(valueExpr, ctx.parameters()) == Exprs.NOT_LITERAL) {
                colExpr = b.getRight();
                valueExpr = b.getLeft();
                if (Exprs.literal(valueExpr, ctx.parameters()) == Exprs.NOT_LITERAL) {
                    return null;
                }
            }
            if (!(colExpr instanceof SQLIdentifierExpr) && !(colExpr instanceof SQLPropertyExpr)) {
                return null;
            }
            if (colExpr instanceof SQLPropertyExpr p && !Names.unquote(p.getOwnerName()).equalsIgnoreCase(alias)) {
                return null;
            }
            ColumnDef col = table.column(Names.simple(colExpr)).orElse(null);
            if (col == null || cols.contains(col)) {
                return null;
            }
            cols.add(col);
            values.add(valueExpr);
        }
        IndexDef index = null;
        for (IndexDef idx : table.indexes()) {
            if (idx.unique() && idx.columnIds().size() == cols.size() && covers(idx, cols)) {
                index = idx;
                if (idx.primary()) {
                    break;
                }
            }
        }
        if (index == null) {
            return null;
        }
        // key order
        List<ColumnDef> keyCols = new ArrayList<>(cols.size());
        List<SQLExpr> keyValues = new ArrayList<>(cols.size());
        for (int id : index.columnIds()) {
            for (int i = 0; i < cols.size(); i++) {
                if (cols.get(i).id() == id) {
                    keyCols.add(cols.get(i));
                    keyValues.add(values.get(i));
                }
            }
        }
        return new PointTarget(table, alias, index, List.copyOf(keyCols), List.copyOf(keyValues));
    }

    /** Flattens an AND tree into {@code out}; false when it has too many conjuncts (or none). */
    private static boolean conjuncts(SQLExpr e, List<SQLExpr> out) {
        if (e instanceof SQLBinaryOpExpr b && b.getOperator() == SQLBinaryOperator.BooleanAnd) {
            return conjuncts(b.getLeft(), out) && conjuncts(b.getRight(), out);
        }
        if (e == null || out.size() >= MAX_KEY_COLUMNS) {
            return false;
        }
        out.add(e);
        return true;
    }

    private static boolean covers(IndexDef idx, List<ColumnDef> cols) {
        for (ColumnDef c : cols) {
            if (!idx.columnIds().contains(c.id())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The key values of one execution; null when one does not convert to its key column's type
     * without loss (the planner then compares it properly).
     */
    static PointKey bind(PointTarget target, Object[] parameters) {
        List<Object> keys = new ArrayList<>(target.columns().size());
        for (int i = 0; i < target.columns().size(); i++) {
            Object value = Exprs.literal(target.valueExprs().get(i), parameters);
            if (value == Exprs.NOT_LITERAL) {
                return null;
            }
            if (value == null) {
                keys.add(null);
                continue;
            }
            ColumnDef col = target.columns().get(i);
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
            keys.add(key);
        }
        return new PointKey(target.table(), target.alias(), target.index(), java.util.Collections.unmodifiableList(keys));
    }

    /** Reads the rows a point key selects (zero or one; none when a key value is NULL, which equals nothing). */
    public static List<Row> read(PointKey pk, StmtContext ctx) {
        List<Row> rows = new ArrayList<>();
        for (Object v : pk.values()) {
            if (v == null) {
                return rows;
            }
        }
        Iterator<Row> it = ctx.tables().indexLookup(ctx.transaction(), pk.table(), pk.index(), pk.values());
        while (it.hasNext()) {
            rows.add(it.next());
        }
        return rows;
    }

    /**
     * What a point SELECT derives from its AST and a catalog snapshot; a prepared statement keeps
     * it in its {@link PlanSlot} and reuses it while the statement runs against the same catalog
     * snapshot (a DDL makes a new one) and the same current database.
     */
    private record PointPlan(SQLSelect select, Catalog catalog, String database, PointTarget target,
                             int[] positions, List<ColumnMeta> columns) {
        boolean matches(SQLSelect s, StmtContext ctx) {
            return select == s && catalog == ctx.catalog() && Objects.equals(database, ctx.currentDatabase());
        }
    }

    /** A point SELECT read here without the planner; with {@code lock} (FOR UPDATE) the row read is locked. */
    private QueryResult pointSelect(SQLSelect select, StmtContext ctx, boolean lock) {
        PlanSlot slot = ctx.session() == null ? null : ctx.session().preparedPlan();
        PointPlan plan = slot != null && slot.get() instanceof PointPlan p && p.matches(select, ctx) ? p : null;
        if (plan == null) {
            plan = pointPlan(select, ctx);
            if (plan == null) {
                return null;
            }
            if (slot != null) {
                slot.set(plan);
            }
        }
        PointKey pk = bind(plan.target(), ctx.parameters());
        if (pk == null) {
            return null;
        }
        int[] positions = plan.positions();
        List<Object[]> out = new ArrayList<>(1);
        List<Row> rows = read(pk, ctx);
        if (lock && !rows.isEmpty()) {
            List<Key> keys = new ArrayList<>(rows.size());
            for (Row r : rows) {
                keys.add(TableCodec.rowKey(pk.table().id(), r.handle()));
            }
            ctx.transaction().lockKeys(keys);
        }
        for (Row r : rows) {
            Object[] o = new Object[positions.length];
            for (int i = 0; i < o.length; i++) {
                o[i] = r.values()[positions[i]];
            }
            out.add(o);
        }
        return Results.of(plan.columns(), out);
    }

    private static PointPlan pointPlan(SQLSelect select, StmtContext ctx) {
        if (!(select.getQuery() instanceof SQLSelectQueryBlock qb) || select.getOrderBy() != null
                || select.getWithSubQuery() != null) {
            return null;
        }
        if (!(qb.getFrom() instanceof SQLExprTableSource from) || qb.getGroupBy() != null || qb.getDistionOption() != 0
                || qb.getInto() != null || qb.getOrderBy() != null || qb.getLimit() != null || from.getPartitionSize() > 0) {
            return null;
        }
        PointTarget pk = pointTarget(from, qb.getWhere(), ctx);
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
        return new PointPlan(select, ctx.catalog(), ctx.currentDatabase(), pk,
                positions.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(metas));
    }
}
