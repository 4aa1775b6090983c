package io.strata.sql.stmt;

import com.alibaba.druid.sql.ast.SQLName;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddColumn;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddConstraint;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropColumnItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropKey;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropPrimaryKey;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.ast.statement.SQLConstraint;
import com.alibaba.druid.sql.ast.statement.SQLCreateIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLSelectOrderByItem;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlKey;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlPrimaryKey;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlUnique;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableAlterColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableChangeColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableModifyColumn;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableRenameColumn;
import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.catalog.TypeKind;
import io.strata.optimizer.exec.Row;
import io.strata.sql.catalog.Catalog;
import io.strata.sql.exec.KvTableAccess;
import io.strata.sql.exec.TableWriter;
import io.strata.sql.session.StrataSession;
import io.strata.spi.ErrorCode;
import io.strata.spi.Key;
import io.strata.spi.StrataException;
import io.strata.spi.codec.TableCodec;
import io.strata.spi.kv.Transaction;
import io.strata.spi.session.StatementResult;
import io.strata.spi.session.UpdateResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static io.strata.sql.stmt.DdlExecutor.checkNotSystem;
import static io.strata.sql.stmt.DdlExecutor.nameOf;
import static io.strata.sql.stmt.DdlExecutor.qualified;

/**
 * CREATE/DROP INDEX and ALTER TABLE. An alteration is applied to the table definition in memory
 * inside a DDL transaction; the data work it implies — backfilling new indexes (with uniqueness
 * checks), clearing dropped ones, converting rows of modified columns — goes into the same
 * transaction, so the schema change and its data commit atomically.
 */
final class AlterTableExecutor {
    /** What an ALTER changes besides the definition: indexes to fill and indexes to clear. */
    private static final class Changes {
        final List<IndexDef> added = new ArrayList<>();
        final List<IndexDef> dropped = new ArrayList<>();
        /** Columns whose stored values must be converted to a new type or checked for NULL. */
        final List<Integer> rewrittenColumns = new ArrayList<>();
    }

    private interface Alteration {
        TableDef apply(TableDef t, Changes changes);
    }

    StatementResult createIndex(SQLCreateIndexStatement s, StrataSession session) {
        if (!(s.getTable() instanceof SQLExprTableSource ts)) {
            throw ErrorCode.NOT_SUPPORTED_YET.error("CREATE INDEX without a table");
        }
        DdlExecutor.QualifiedTable q = qualified(ts, session);
        boolean unique = "UNIQUE".equalsIgnoreCase(s.getType());
        String name = nameOf(s.getName());
        List<SQLSelectOrderByItem> items = s.getItems();
        return alter(q, session, (t, changes) -> addIndex(t, name, items, unique, false, changes));
    }

    StatementResult alterTable(SQLAlterTableStatement s, StrataSession session) {
        DdlExecutor.QualifiedTable q = qualified(s.getTableSource(), session);
        List<SQLAlterTableItem> items = s.getItems();
        return alter(q, session, (t, changes) -> {
            TableDef cur = t;
            for (SQLAlterTableItem item : items) {
                cur = alterItem(cur, item, changes);
            }
            return cur;
        });
    }

    private static TableDef alterItem(TableDef t, SQLAlterTableItem item, Changes changes) {
        if (item instanceof SQLAlterTableAddColumn add) {
            TableDef cur = t;
            String after = add.getAfterColumn() == null ? null : Names.simple(add.getAfterColumn());
            boolean first = add.isFirst() || add.getFirstColumn() != null;
            for (SQLColumnDefinition def : add.getColumns()) {
                cur = addColumn(cur, def, first, after, changes);
                after = Names.unquote(def.getColumnName());
                first = false;
            }
            return cur;
        }
        if (item instanceof SQLAlterTableDropColumnItem drop) {
            TableDef cur = t;
            for (SQLName n : drop.getColumns()) {
                cur = dropColumn(cur, Names.simple(n), changes);
            }
            return cur;
        }
        if (item instanceof SQLAlterTableAddIndex add) {
            return addIndex(t, nameOf(add.getName()), add.getColumns(), add.isUnique(), false, changes);
        }
        if (item instanceof SQLAlterTableAddConstraint add) {
            SQLConstraint c = add.getConstraint();
            if (c instanceof MySqlPrimaryKey k) {
                return addIndex(t, "PRIMARY", k.getColumns(), true, true, changes);
            }
            if (c instanceof MySqlUnique k) {
                return addIndex(t, nameOf(k.getName()), k.getColumns(), true, false, changes);
            }
            if (c instanceof MySqlKey k) {
                return addIndex(t, nameOf(k.getName()), k.getColumns(), false, false, changes);
            }
            // FOREIGN KEY / CHECK: accepted, not enforced
            return t;
        }
        if (item instanceof SQLAlterTableDropIndex d) {
            return dropIndex(t, Names.simple(d.getIndexName()), changes);
        }
        if (item instanceof SQLAlterTableDropKey d) {
            return dropIndex(t, Names.simple(d.getKeyName()), changes);
        }
        if (item instanceof SQLAlterTableDropPrimaryKey) {
            return dropIndex(t, "PRIMARY", changes);
        }
        if (item instanceof MySqlAlterTableModifyColumn m) {
            SQLColumnDefinition def = m.getNewColumnDefinition();
            return changeColumn(t, Names.unquote(def.getColumnName()), def, m.isFirst() || m.getFirstColumn() != null,
                    m.getAfterColumn() == null ? null : Names.simple(m.getAfterColumn()), changes);
        }
        if (item instanceof MySqlAlterTableChangeColumn c) {
            return changeColumn(t, Names.simple(c.getColumnName()), c.getNewColumnDefinition(),
                    c.isFirst() || c.getFirstColumn() != null,
                    c.getAfterColumn() == null ? null : Names.simple(c.getAfterColumn()), changes);
        }
        if (item instanceof SQLAlterTableRenameColumn r) {
            String from = Names.simple(r.getColumn());
            String to = Names.simple(r.getTo());
            ColumnDef c = t.column(from).orElseThrow(() -> ErrorCode.BAD_FIELD.error(from, t.name()));
            if (!from.equalsIgnoreCase(to) && t.column(to).isPresent()) {
                throw ErrorCode.DUP_FIELDNAME.error(to);
            }
            return replaceColumn(t, c, renamed(c, to));
        }
        if (item instanceof MySqlAlterTableAlterColumn a) {
            String name = Names.simple(a.getColumn());
            ColumnDef c = t.column(name).orElseThrow(() -> ErrorCode.BAD_FIELD.error(name, t.name()));
            if (a.isDropDefault()) {
                return replaceColumn(t, c, new ColumnDef(c.id(), c.name(), c.type(), c.nullable(), false, null, null,
                        c.onUpdateExpr(), c.autoIncrement(), c.comment(), c.collation()));
            }
            if (a.getDefaultExpr() != null) {
                Object literal = Exprs.literal(a.getDefaultExpr(), null);
                if (literal == Exprs.NOT_LITERAL) {
                    throw ErrorCode.NOT_SUPPORTED_YET.error("expression default for column '" + name + "'");
                }
                Object value;
                try {
                    value = literal == null ? null : new io.strata.sql.exec.Coercion(true, null).coerce(c, literal, 1);
                } catch (StrataException e) {
                    throw ErrorCode.INVALID_DEFAULT.error(name);
                }
                if (value == null && !c.nullable()) {
                    throw ErrorCode.INVALID_DEFAULT.error(name);
                }
                return replaceColumn(t, c, new ColumnDef(c.id(), c.name(), c.type(), c.nullable(), true, value, null,
                        c.onUpdateExpr(), c.autoIncrement(), c.comment(), c.collation()));
            }
            return t;
        }
        throw ErrorCode.NOT_SUPPORTED_YET.error("ALTER TABLE " + item.toString().trim());
    }

    private static TableDef addColumn(TableDef t, SQLColumnDefinition def, boolean first, String after, Changes changes) {
        TableDefBuilder.ParsedColumn pc = TableDefBuilder.column(def, t.nextColumnId(), null);
        ColumnDef c = pc.column();
        if (t.column(c.name()).isPresent()) {
            throw ErrorCode.DUP_FIELDNAME.error(c.name());
        }
        if (pc.primaryKey() || c.autoIncrement()) {
            throw ErrorCode.NOT_SUPPORTED_YET.error("adding a PRIMARY KEY or AUTO_INCREMENT column");
        }
        List<ColumnDef> cols = new ArrayList<>(t.columns());
        int pos = cols.size();
        if (first) {
            pos = 0;
        } else if (after != null) {
            int idx = t.columnIndex(after);
            if (idx < 0) {
                throw ErrorCode.BAD_FIELD.error(after, t.name());
            }
            pos = idx + 1;
        }
        cols.add(pos, c);
        TableDef out = new TableDef(t.id(), t.database(), t.name(), cols, t.indexes(), t.pkIsHandle(), t.nextColumnId() + 1,
                t.nextIndexId(), t.comment());
        if (pc.unique()) {
            IndexDef idx = new IndexDef(out.nextIndexId(), TableDefBuilder.keyName(null, List.of(c.id()), cols, out.indexes()),
                    List.of(c.id()), true, false);
            changes.added.add(idx);
            out = withIndexes(out, append(out.indexes(), idx), out.nextIndexId() + 1);
        }
        return out;
    }

    private static ColumnDef renamed(ColumnDef c, String name) {
        return new ColumnDef(c.id(), name, c.type(), c.nullable(), c.hasDefault(), c.defaultValue(), c.defaultExpr(),
                c.onUpdateExpr(), c.autoIncrement(), c.comment(), c.collation());
    }

    private static TableDef replaceColumn(TableDef t, ColumnDef old, ColumnDef now) {
        List<ColumnDef> cols = new ArrayList<>(t.columns());
        cols.set(t.columnIndexById(old.id()), now);
        return new TableDef(t.id(), t.database(), t.name(), cols, t.indexes(), t.pkIsHandle(), t.nextColumnId(),
                t.nextIndexId(), t.comment());
    }

    /**
     * MODIFY / CHANGE COLUMN: the column keeps its id; when its type or nullability changes, every
     * stored row is converted (strictly: a value that does not fit fails the statement) and rewritten
     * with its index entries, see {@link #rewriteRows}.
     */
    private static TableDef changeColumn(TableDef t, String name, SQLColumnDefinition def, boolean first, String after,
                                         Changes changes) {
        ColumnDef old = t.column(name).orElseThrow(() -> ErrorCode.BAD_FIELD.error(name, t.name()));
        TableDefBuilder.ParsedColumn pc = TableDefBuilder.column(def, old.id(), null);
        ColumnDef now = pc.column();
        if (!now.name().equalsIgnoreCase(old.name()) && t.column(now.name()).isPresent()) {
            throw ErrorCode.DUP_FIELDNAME.error(now.name());
        }
        boolean inPk = t.primaryKey().map(pk -> pk.columnIds().contains(old.id())).orElse(false);
        if (inPk) {
            now = TableDefBuilder.withNullable(now, false);
        }
        if (t.pkIsHandle() && t.handleColumnIndex() == t.columnIndexById(old.id())) {
            if (!TableDefBuilder.canBeHandle(List.of(old.id()), List.of(now))) {
                throw ErrorCode.NOT_SUPPORTED_YET.error("changing the integer primary key (the row handle) to a non-integer type");
            }
            // a BIGINT UNSIGNED handle is its value with the sign bit flipped (TableDef.handleOf): the rows' keys would change
            if (isUnsignedBigint(old) != isUnsignedBigint(now)) {
                throw ErrorCode.NOT_SUPPORTED_YET.error("changing the integer primary key (the row handle) to or from BIGINT UNSIGNED");
            }
        }
        if (pc.primaryKey()) {
            throw ErrorCode.NOT_SUPPORTED_YET.error("adding a PRIMARY KEY through MODIFY/CHANGE COLUMN");
        }
        List<ColumnDef> cols = new ArrayList<>(t.columns());
        int pos = t.columnIndexById(old.id());
        cols.remove(pos);
        if (first) {
            pos = 0;
        } else if (after != null) {
            int idx = -1;
            for (int i = 0; i < cols.size(); i++) {
                if (cols.get(i).name().equalsIgnoreCase(after)) {
                    idx = i;
                }
            }
            if (idx < 0) {
                throw ErrorCode.BAD_FIELD.error(after, t.name());
            }
            pos = idx + 1;
        }
        cols.add(pos, now);
        if (!now.type().equals(old.type()) || now.nullable() != old.nullable()
                || !now.collationInfo().equals(old.collationInfo())) {
            changes.rewrittenColumns.add(now.id());
        }
        TableDef out = new TableDef(t.id(), t.database(), t.name(), cols, t.indexes(), t.pkIsHandle(), t.nextColumnId(),
                t.nextIndexId(), t.comment());
        if (pc.unique()) {
            IndexDef idx = new IndexDef(out.nextIndexId(), TableDefBuilder.keyName(null, List.of(now.id()), cols, out.indexes()),
                    List.of(now.id()), true, false);
            changes.added.add(idx);
            out = withIndexes(out, append(out.indexes(), idx), out.nextIndexId() + 1);
        }
        return out;
    }

    private static TableDef dropColumn(TableDef t, String name, Changes changes) {
        ColumnDef c = t.column(name).orElseThrow(() -> ErrorCode.CANT_DROP_FIELD_OR_KEY.error(name));
        if (t.columns().size() == 1) {
            throw new StrataException(ErrorCode.CANT_DROP_FIELD_OR_KEY,
                    "You can't delete all columns with ALTER TABLE; use DROP TABLE instead");
        }
        List<IndexDef> kept = new ArrayList<>();
        for (IndexDef idx : t.indexes()) {
            if (!idx.columnIds().contains(c.id())) {
                kept.add(idx);
                continue;
            }
            if (idx.primary() && t.pkIsHandle()) {
                throw ErrorCode.NOT_SUPPORTED_YET.error("dropping the integer primary key column");
            }
            if (idx.columnIds().size() > 1) {
                throw ErrorCode.NOT_SUPPORTED_YET.error("dropping a column of a multi-column index");
            }
            changes.dropped.add(idx);
        }
        List<ColumnDef> cols = new ArrayList<>(t.columns());
        cols.removeIf(x -> x.id() == c.id());
        return new TableDef(t.id(), t.database(), t.name(), cols, kept, t.pkIsHandle(), t.nextColumnId(),
                t.nextIndexId(), t.comment());
    }

    private static TableDef addIndex(TableDef t, String requestedName, List<SQLSelectOrderByItem> items, boolean unique,
                                     boolean primary, Changes changes) {
        List<Integer> ids = TableDefBuilder.keyColumns(items, t.columns(), t.name());
        if (primary && t.primaryKey().isPresent()) {
            throw ErrorCode.MULTIPLE_PRI_KEY.error();
        }
        if (requestedName != null && TableDefBuilder.nameTaken(requestedName, t.indexes())) {
            throw ErrorCode.DUP_KEYNAME.error(requestedName);
        }
        String name = primary ? "PRIMARY" : TableDefBuilder.keyName(requestedName, ids, t.columns(), t.indexes());
        List<ColumnDef> cols = t.columns();
        if (primary) {
            cols = new ArrayList<>(cols);
            for (int i = 0; i < cols.size(); i++) {
                if (ids.contains(cols.get(i).id())) {
                    cols.set(i, TableDefBuilder.withNullable(cols.get(i), false));
                }
            }
        }
        IndexDef idx = new IndexDef(t.nextIndexId(), name, ids, unique, primary);
        changes.added.add(idx);
        return new TableDef(t.id(), t.database(), t.name(), cols, append(t.indexes(), idx), t.pkIsHandle(),
                t.nextColumnId(), t.nextIndexId() + 1, t.comment());
    }

    private static TableDef dropIndex(TableDef t, String name, Changes changes) {
        IndexDef idx = t.index(name).orElseThrow(() -> ErrorCode.CANT_DROP_FIELD_OR_KEY.error(name));
        if (idx.primary() && t.pkIsHandle()) {
            throw ErrorCode.NOT_SUPPORTED_YET.error("dropping an integer primary key (the row handle)");
        }
        boolean autoKeyed = t.autoIncrementColumn().map(c -> idx.columnIds().get(0) == c.id()).orElse(false);
        List<IndexDef> rest = new ArrayList<>(t.indexes());
        rest.remove(idx);
        if (autoKeyed && t.autoIncrementColumn().isPresent()
                && rest.stream().noneMatch(i -> i.columnIds().get(0) == t.autoIncrementColumn().get().id())) {
            throw ErrorCode.WRONG_AUTO_KEY.error();
        }
        changes.dropped.add(idx);
        return withIndexes(t, rest, t.nextIndexId());
    }

    private static TableDef withIndexes(TableDef t, List<IndexDef> indexes, long nextIndexId) {
        return new TableDef(t.id(), t.database(), t.name(), t.columns(), indexes, t.pkIsHandle(), t.nextColumnId(),
                nextIndexId, t.comment());
    }

    private static List<IndexDef> append(List<IndexDef> list, IndexDef idx) {
        List<IndexDef> out = new ArrayList<>(list);
        out.add(idx);
        return out;
    }

    /** Applies an alteration in a DDL transaction, then backfills added and clears dropped indexes. */
    private StatementResult alter(DdlExecutor.QualifiedTable q, StrataSession session, Alteration alteration) {
        checkNotSystem(q.database());
        session.services().catalog().runDdl((txn, catalog, w) -> {
            TableDef t = catalog.table(q.database(), q.table())
                    .orElseThrow(() -> ErrorCode.NO_SUCH_TABLE.error(q.database(), q.table()));
            Changes changes = new Changes();
            TableDef altered = alteration.apply(t, changes);
            TableDefBuilder.validate(altered);
            for (IndexDef idx : changes.dropped) {
                if (changes.added.stream().noneMatch(a -> a.id() == idx.id())) {
                    w.destroyRange(TableCodec.indexPrefix(t.id(), idx.id()));
                }
            }
            changes.added.removeIf(a -> changes.dropped.stream().anyMatch(d -> d.id() == a.id()));
            if (!changes.rewrittenColumns.isEmpty()) {
                rewriteRows(txn, catalog, t, altered, changes);
            }
            backfill(txn, catalog, altered, changes.added);
            w.putTable(altered);
            return null;
        });
        return UpdateResult.OK;
    }

    /**
     * Converts the changed columns of every row to their new types (strict conversion: a value
     * that does not fit, or a NULL in a column that became NOT NULL, fails the ALTER) and rewrites
     * the rows with all their index entries, removing the old entries first so that uniqueness is
     * checked against converted values only.
     */
    private static void rewriteRows(Transaction txn, Catalog catalog, TableDef before, TableDef after, Changes changes) {
        KvTableAccess access = new KvTableAccess(catalog);
        List<Row> rows = new ArrayList<>();
        Iterator<Row> it = access.scan(txn, after, Long.MIN_VALUE, Long.MAX_VALUE);
        while (it.hasNext()) {
            rows.add(it.next());
        }
        TableWriter oldWriter = new TableWriter(txn, before);
        TableWriter newWriter = new TableWriter(txn, after);
        io.strata.sql.exec.Coercion strict = new io.strata.sql.exec.Coercion(true, null);
        List<Row> converted = new ArrayList<>();
        int rowNo = 0;
        for (Row r : rows) {
            rowNo++;
            Object[] vals = r.values().clone();
            for (int colId : changes.rewrittenColumns) {
                int i = after.columnIndexById(colId);
                ColumnDef c = after.columns().get(i);
                vals[i] = strict.coerce(c, vals[i], rowNo);
                if (vals[i] == null && !c.nullable()) {
                    throw ErrorCode.INVALID_USE_OF_NULL.error();
                }
            }
            // the old entries are keyed by the old values in the old layout
            Object[] oldLayout = new Object[before.columns().size()];
            for (int i = 0; i < oldLayout.length; i++) {
                oldLayout[i] = r.values()[after.columnIndexById(before.columns().get(i).id())];
            }
            oldWriter.delete(new Row(r.handle(), oldLayout));
            converted.add(new Row(r.handle(), vals));
        }
        for (Row r : converted) {
            TableWriter.Duplicate d = newWriter.findDuplicate(r.handle(), r.values(), r.handle());
            if (d != null) {
                throw d.error();
            }
            newWriter.insert(r.handle(), r.values());
        }
    }

    /** Writes entries of new indexes for every existing row, failing with 1062 on a duplicate. */
    private static void backfill(Transaction txn, Catalog catalog, TableDef t, List<IndexDef> added) {
        if (added.isEmpty()) {
            return;
        }
        TableWriter writer = new TableWriter(txn, t);
        KvTableAccess access = new KvTableAccess(catalog);
        // one pass, row by row: the rows are not held in memory (only the new entries are, in the
        // DDL's write buffer)
        Iterator<Row> it = access.scan(txn, t, Long.MIN_VALUE, Long.MAX_VALUE);
        while (it.hasNext()) {
            Row row = it.next();
            for (IndexDef idx : added) {
                List<Object> vals = writer.indexValues(idx, row.values());
                if (idx.primary() && vals.contains(null)) {
                    int pos = vals.indexOf(null);
                    ColumnDef c = t.columns().get(t.columnIndexById(idx.columnIds().get(pos)));
                    throw ErrorCode.BAD_NULL_ERROR.error(c.name());
                }
                Key key = writer.indexKey(idx, row.values(), row.handle());
                if (idx.unique() && !vals.contains(null) && txn.get(key) != null) {
                    throw ErrorCode.DUP_ENTRY.error(vals.stream().map(v -> io.strata.sql.catalog.ValueFormat.toText(v))
                            .reduce((a, b) -> a + "-" + b).orElse(""), writer.keyName(idx));
                }
                writer.putIndexEntry(idx, row);
            }
        }
    }

    StatementResult dropIndex(SQLDropIndexStatement s, StrataSession session) {
        DdlExecutor.QualifiedTable q = qualified(s.getTableName(), session);
        String name = Names.simple(s.getIndexName());
        return alter(q, session, (t, changes) -> dropIndex(t, name, changes));
    }

    private static boolean isUnsignedBigint(ColumnDef c) {
        return c.type().kind() == TypeKind.BIGINT && c.type().unsigned();
    }
}
