package io.strata.sql.stmt;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLLimit;
import com.alibaba.druid.sql.ast.SQLOrderBy;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOpExpr;
import com.alibaba.druid.sql.ast.expr.SQLDefaultExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLMethodInvokeExpr;
import com.alibaba.druid.sql.ast.statement.SQLDeleteStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLInsertStatement;
import com.alibaba.druid.sql.ast.statement.SQLReplaceStatement;
import com.alibaba.druid.sql.ast.statement.SQLSelect;
import com.alibaba.druid.sql.ast.statement.SQLSelectItem;
import com.alibaba.druid.sql.ast.statement.SQLTableSource;
import com.alibaba.druid.sql.ast.statement.SQLUpdateSetItem;
import com.alibaba.druid.sql.ast.statement.SQLUpdateStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlDeleteStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlInsertStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlSelectQueryBlock;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlUpdateStatement;
import com.alibaba.druid.sql.visitor.SQLASTVisitorAdapter;
import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.exec.Row;
import io.strata.optimizer.plan.QueryPlanner;
import io.strata.sql.catalog.Catalog;
import io.strata.sql.exec.Coercion;
import io.strata.sql.exec.TableWriter;
import io.strata.sql.session.StmtContext;
import io.strata.spi.ErrorCode;
import io.strata.spi.session.QueryResult;
import io.strata.spi.session.UpdateResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * INSERT (VALUES, SET, SELECT, IGNORE, ON DUPLICATE KEY UPDATE), REPLACE, UPDATE and DELETE on a
 * single table. Affected rows follow MySQL: an ODKU that changes a row counts 2, REPLACE counts the
 * deleted rows too, UPDATE counts changed rows (matched rows with CLIENT_FOUND_ROWS).
 */
public final class DmlExecutor {
    private static final String VALUES_PREFIX = "_strata_values_";
    /** A source value meaning the column's default (DEFAULT in VALUES, a field missing in LOAD DATA). */
    static final Object DEFAULT = RowInserter.DEFAULT;

    private final QueryExecutor queries;

    public DmlExecutor(QueryExecutor queries) {
        this.queries = queries;
    }

    // ------------------------------------------------------------------ INSERT / REPLACE

    public UpdateResult insert(SQLInsertStatement ins, StmtContext ctx) {
        boolean ignore = ins instanceof MySqlInsertStatement m && m.isIgnore();
        List<SQLExpr> odku = ins instanceof MySqlInsertStatement m ? m.getDuplicateKeyUpdate() : List.of();
        List<List<SQLExpr>> values = new ArrayList<>();
        for (SQLInsertStatement.ValuesClause vc : ins.getValuesList()) {
            values.add(vc.getValues());
        }
        SQLSelect query = ins.getQuery();
        return write(ins.getTableSource(), ins.getColumns(), values, query, ignore, false, odku, ctx);
    }

    public UpdateResult replace(SQLReplaceStatement rep, StmtContext ctx) {
        List<List<SQLExpr>> values = new ArrayList<>();
        for (SQLInsertStatement.ValuesClause vc : rep.getValuesList()) {
            values.add(vc.getValues());
        }
        SQLSelect query = rep.getQuery() == null ? null : rep.getQuery().getSubQuery();
        return write(rep.getTableSource(), rep.getColumns(), values, query, false, true, List.of(), ctx);
    }

    private static TableDef writableTable(SQLExprTableSource ts, StmtContext ctx) {
        TableDef t = Names.resolve(ctx.catalog(), ts, ctx.currentDatabase());
        if (Catalog.isVirtual(t)) {
            throw ErrorCode.NOT_SUPPORTED_YET.error("writing to information_schema");
        }
        return t;
    }

    private UpdateResult write(SQLExprTableSource ts, List<SQLExpr> columnExprs, List<List<SQLExpr>> values,
                               SQLSelect query, boolean ignore, boolean replace, List<SQLExpr> odku, StmtContext ctx) {
        TableDef t = writableTable(ts, ctx);
        int[] targets;
        if (columnExprs == null || columnExprs.isEmpty()) {
            targets = new int[t.columns().size()];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = i;
            }
        } else {
            targets = new int[columnExprs.size()];
            for (int i = 0; i < targets.length; i++) {
                String name = Names.simple(columnExprs.get(i));
                targets[i] = t.columnIndex(name);
                if (targets[i] < 0) {
                    throw ErrorCode.BAD_FIELD.error(name, "field list");
                }
            }
        }
        List<Object[]> sourceRows = new ArrayList<>();
        if (query != null) {
            // materialize first: INSERT … SELECT from the same table must not read its own inserts
            QueryResult r = ctx.services().planner().query(query, ctx);
            List<Object[]> rows = Results.drain(r);
            for (Object[] row : rows) {
                if (row.length != targets.length) {
                    throw ErrorCode.WRONG_VALUE_COUNT_ON_ROW.error(1);
                }
                sourceRows.add(row);
            }
        } else {
            int rowNo = 1;
            for (List<SQLExpr> exprs : values) {
                if (exprs.size() != targets.length) {
                    throw ErrorCode.WRONG_VALUE_COUNT_ON_ROW.error(rowNo);
                }
                Object[] row = new Object[exprs.size()];
                for (int i = 0; i < row.length; i++) {
                    SQLExpr e = exprs.get(i);
                    row[i] = e instanceof SQLDefaultExpr ? DEFAULT : Exprs.evaluate(e, ctx);
                }
                sourceRows.add(row);
                rowNo++;
            }
        }
        OnDuplicate onDup = odku.isEmpty() ? null : new OnDuplicate(t, odku, ctx);
        RowInserter inserter = new RowInserter(t, targets, ignore, replace, onDup, ctx);
        int rowNo = 0;
        for (Object[] src : sourceRows) {
            inserter.insert(src, ++rowNo);
        }
        long affected = inserter.affected();
        long duplicates = inserter.duplicates();
        long firstId = inserter.firstId();
        if (firstId != 0) {
            ctx.session().setLastInsertId(firstId);
        }
        String info = "";
        if (sourceRows.size() > 1 || query != null) {
            info = String.format(Locale.ROOT, "Records: %d  Duplicates: %d  Warnings: %d", sourceRows.size(), duplicates,
                    ctx.warnings().count());
        }
        return new UpdateResult(affected, firstId, info);
    }

    /** ON DUPLICATE KEY UPDATE assignments, compiled once per statement. */
    static final class OnDuplicate {
        private final int[] targets;
        private final List<QueryPlanner.ScalarProgram> programs = new ArrayList<>();

        OnDuplicate(TableDef t, List<SQLExpr> assignments, StmtContext ctx) {
            targets = new int[assignments.size()];
            List<String> names = new ArrayList<>();
            List<ColumnType> types = new ArrayList<>();
            for (ColumnDef c : t.columns()) {
                names.add(c.name());
                types.add(c.type());
            }
            for (ColumnDef c : t.columns()) {
                names.add(VALUES_PREFIX + c.name());
                types.add(c.type());
            }
            for (int i = 0; i < assignments.size(); i++) {
                if (!(assignments.get(i) instanceof SQLBinaryOpExpr b)) {
                    throw ErrorCode.NOT_SUPPORTED_YET.error("ON DUPLICATE KEY UPDATE " + assignments.get(i));
                }
                String col = Names.simple(b.getLeft());
                targets[i] = t.columnIndex(col);
                if (targets[i] < 0) {
                    throw ErrorCode.BAD_FIELD.error(col, "field list");
                }
                SQLExpr value = rewriteValues(b.getRight().clone());
                programs.add(ctx.services().planner().compileScalars(List.of(value), names, types, ctx));
            }
        }

        /** Replaces VALUES(col) by a reference to the input column carrying the proposed value. */
        private static SQLExpr rewriteValues(SQLExpr e) {
            if (e instanceof SQLMethodInvokeExpr m && isValuesCall(m)) {
                return new SQLIdentifierExpr(VALUES_PREFIX + Names.simple(m.getArguments().get(0)));
            }
            List<SQLMethodInvokeExpr> calls = new ArrayList<>();
            e.accept(new SQLASTVisitorAdapter() {
                @Override
                public boolean visit(SQLMethodInvokeExpr x) {
                    if (isValuesCall(x)) {
                        calls.add(x);
                        return false;
                    }
                    return true;
                }
            });
            for (SQLMethodInvokeExpr call : calls) {
                SQLUtils.replaceInParent(call, new SQLIdentifierExpr(VALUES_PREFIX + Names.simple(call.getArguments().get(0))));
            }
            return e;
        }

        private static boolean isValuesCall(SQLMethodInvokeExpr m) {
            return m.getMethodName().equalsIgnoreCase("values") && m.getArguments().size() == 1 && m.getOwner() == null;
        }

        /** Applies the assignments to the existing row; returns the affected-rows contribution. */
        long apply(TableWriter writer, TableWriter.Duplicate dup, Object[] proposed, Coercion coercion,
                   StmtContext ctx, int rowNo) {
            TableDef t = writer.table();
            Row old = ctx.tables().get(ctx.transaction(), t, dup.handle());
            if (old == null) {
                throw dup.error();
            }
            int n = t.columns().size();
            Object[] input = new Object[n * 2];
            System.arraycopy(old.values(), 0, input, 0, n);
            System.arraycopy(proposed, 0, input, n, n);
            boolean[] assigned = new boolean[n];
            for (int i = 0; i < targets.length; i++) {
                Object v = programs.get(i).evaluate(input.clone(), ctx)[0];
                ColumnDef c = t.columns().get(targets[i]);
                v = coercion.coerce(c, v, rowNo);
                if (v == null && !c.nullable()) {
                    v = RowInserter.nullIntoNotNull(c, coercion, ctx, rowNo);
                }
                input[targets[i]] = v;
                assigned[targets[i]] = true;
            }
            Object[] newVals = java.util.Arrays.copyOf(input, n);
            if (TableWriter.sameValues(old.values(), newVals)) {
                return ctx.session().info().foundRows() ? 1 : 0;
            }
            RowInserter.touchOnUpdate(t, newVals, assigned, ctx, coercion, rowNo);
            long newHandle = t.pkIsHandle() ? writer.handleOf(newVals) : old.handle();
            TableWriter.Duplicate other = writer.findDuplicate(newHandle, newVals, old.handle());
            if (other != null) {
                throw other.error();
            }
            writer.update(old, newHandle, newVals);
            return 2;
        }
    }

    // ------------------------------------------------------------------ UPDATE

    public UpdateResult update(SQLUpdateStatement upd, StmtContext ctx) {
        if (!(upd.getTableSource() instanceof SQLExprTableSource ts)) {
            throw ErrorCode.NOT_SUPPORTED_YET.error("multi-table UPDATE");
        }
        TableDef t = writableTable(ts, ctx);
        boolean ignore = upd instanceof MySqlUpdateStatement m && m.isIgnore();
        List<SQLUpdateSetItem> items = upd.getItems();
        int[] targets = new int[items.size()];
        Object[] literals = new Object[items.size()];
        List<QueryPlanner.ScalarProgram> programs = new ArrayList<>();
        List<String> names = t.columns().stream().map(ColumnDef::name).toList();
        List<ColumnType> types = t.columns().stream().map(ColumnDef::type).toList();
        for (int i = 0; i < items.size(); i++) {
            String col = Names.simple(items.get(i).getColumn());
            targets[i] = t.columnIndex(col);
            if (targets[i] < 0) {
                throw ErrorCode.BAD_FIELD.error(col, "field list");
            }
            SQLExpr value = items.get(i).getValue();
            literals[i] = value instanceof SQLDefaultExpr ? DEFAULT : Exprs.literal(value, ctx.parameters());
            programs.add(literals[i] == Exprs.NOT_LITERAL
                    ? ctx.services().planner().compileScalars(List.of(value), names, types, ctx) : null);
        }
        MySqlUpdateStatement mu = upd instanceof MySqlUpdateStatement m ? m : null;
        List<Row> rows = selectRows(ts, t, upd.getWhere(), upd.getOrderBy(), mu == null ? null : mu.getLimit(), ctx);
        Coercion coercion = ctx.coercion(ignore);
        TableWriter writer = new TableWriter(ctx.transaction(), t);
        long matched = 0;
        long changed = 0;
        int rowNo = 0;
        for (Row row : rows) {
            rowNo++;
            RowInserter.checkCancelled(ctx);
            matched++;
            Object[] vals = row.values().clone();
            boolean[] assigned = new boolean[vals.length];
            for (int i = 0; i < targets.length; i++) {
                ColumnDef c = t.columns().get(targets[i]);
                Object v;
                if (literals[i] == DEFAULT) {
                    v = c.defaultExpr() != null ? ctx.statementTime() : c.hasDefault() ? c.defaultValue() : null;
                } else if (literals[i] == Exprs.NOT_LITERAL) {
                    v = programs.get(i).evaluate(vals.clone(), ctx)[0];
                } else {
                    v = literals[i];
                }
                v = coercion.coerce(c, v, rowNo);
                if (v == null && !c.nullable()) {
                    v = RowInserter.nullIntoNotNull(c, coercion, ctx, rowNo);
                }
                vals[targets[i]] = v;
                assigned[targets[i]] = true;
            }
            if (TableWriter.sameValues(row.values(), vals)) {
                continue;
            }
            RowInserter.touchOnUpdate(t, vals, assigned, ctx, coercion, rowNo);
            long newHandle = t.pkIsHandle() ? writer.handleOf(vals) : row.handle();
            TableWriter.Duplicate dup = writer.findDuplicate(newHandle, vals, row.handle());
            if (dup != null) {
                if (ignore) {
                    ctx.warn("Warning", ErrorCode.DUP_ENTRY.mysqlCode(), dup.error().getMessage());
                    continue;
                }
                throw dup.error();
            }
            writer.update(row, newHandle, vals);
            changed++;
        }
        long affected = ctx.session().info().foundRows() ? matched : changed;
        String info = String.format(Locale.ROOT, "Rows matched: %d  Changed: %d  Warnings: %d", matched, changed,
                ctx.warnings().count());
        return new UpdateResult(affected, 0, info);
    }

    // ------------------------------------------------------------------ DELETE

    public UpdateResult delete(SQLDeleteStatement del, StmtContext ctx) {
        SQLTableSource src = del.getTableSource();
        if (del instanceof MySqlDeleteStatement md && md.getFrom() != null && md.getUsing() == null) {
            // DELETE t FROM t WHERE … names the target before FROM
            src = md.getFrom();
        }
        if (!(src instanceof SQLExprTableSource ts)) {
            throw ErrorCode.NOT_SUPPORTED_YET.error("multi-table DELETE");
        }
        TableDef t = writableTable(ts, ctx);
        MySqlDeleteStatement md = del instanceof MySqlDeleteStatement m ? m : null;
        List<Row> rows = selectRows(ts, t, del.getWhere(), md == null ? null : md.getOrderBy(),
                md == null ? null : md.getLimit(), ctx);
        TableWriter writer = new TableWriter(ctx.transaction(), t);
        long n = 0;
        for (Row row : rows) {
            RowInserter.checkCancelled(ctx);
            writer.delete(row);
            n++;
        }
        return new UpdateResult(n, 0, "");
    }

    /**
     * The rows an UPDATE or DELETE changes: a point read when the WHERE is a key equality,
     * otherwise the planner selects their ids and the rows are read back through the transaction.
     */
    private List<Row> selectRows(SQLExprTableSource ts, TableDef t, SQLExpr where, SQLOrderBy orderBy, SQLLimit limit,
                                 StmtContext ctx) {
        if (where != null) {
            QueryExecutor.PointKey pk = QueryExecutor.pointKey(ts, where, ctx);
            if (pk != null) {
                return lockInTransaction(t, QueryExecutor.read(pk, ctx), ctx);
            }
        }
        MySqlSelectQueryBlock qb = new MySqlSelectQueryBlock();
        qb.addSelectItem(new SQLSelectItem(new SQLIdentifierExpr(QueryPlanner.ROW_ID_COLUMN)));
        qb.setFrom(ts.clone());
        if (where != null) {
            qb.setWhere(where.clone());
        }
        if (orderBy != null) {
            qb.setOrderBy(orderBy.clone());
            // the sort keys are selected too, so the planner sorts on columns of its own output
            for (com.alibaba.druid.sql.ast.statement.SQLSelectOrderByItem item : orderBy.getItems()) {
                qb.addSelectItem(new SQLSelectItem(item.getExpr().clone()));
            }
        }
        if (limit != null) {
            qb.setLimit(limit.clone());
        }
        QueryResult r = ctx.services().planner().queryWithRowIds(new SQLSelect(qb), ctx);
        int idCol = 0;
        for (int i = 0; i < r.columns().size(); i++) {
            if (r.columns().get(i).name().equalsIgnoreCase(QueryPlanner.ROW_ID_COLUMN)) {
                idCol = i;
                break;
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Object[] row : Results.drain(r)) {
            Object id = row[idCol];
            if (id instanceof Number n) {
                Row stored = ctx.tables().get(ctx.transaction(), t, n.longValue());
                if (stored != null) {
                    rows.add(stored);
                }
            }
        }
        return lockInTransaction(t, rows, ctx);
    }

    /**
     * With {@code strata_txn_mode = 'PESSIMISTIC'}, UPDATE and DELETE inside a transaction lock the
     * rows they change, as InnoDB does: a concurrent writer of the same row waits (up to
     * innodb_lock_wait_timeout) or meets a deadlock error at once. The default is OPTIMISTIC (as
     * TiDB's optimistic mode): conflicts surface as 1213 at COMMIT, and autocommit statements are
     * retried at a fresh timestamp.
     */
    private static List<Row> lockInTransaction(TableDef t, List<Row> rows, StmtContext ctx) {
        if (!rows.isEmpty() && ctx.session().inTransaction() && ctx.session().pessimistic()) {
            List<io.strata.spi.Key> keys = new ArrayList<>(rows.size());
            for (Row row : rows) {
                keys.add(io.strata.spi.codec.TableCodec.rowKey(t.id(), row.handle()));
            }
            ctx.transaction().lockKeys(keys);
        }
        return rows;
    }
}
