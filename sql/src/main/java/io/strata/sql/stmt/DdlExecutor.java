package io.strata.sql.stmt;

import com.alibaba.druid.sql.ast.SQLName;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddColumn;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddConstraint;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropColumnItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropKey;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropPrimaryKey;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLAssignItem;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.ast.statement.SQLConstraint;
import com.alibaba.druid.sql.ast.statement.SQLCreateDatabaseStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropDatabaseStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLSelectOrderByItem;
import com.alibaba.druid.sql.ast.statement.SQLTableElement;
import com.alibaba.druid.sql.ast.statement.SQLTruncateStatement;
import com.alibaba.druid.sql.ast.statement.SQLCharacterDataType;
import com.alibaba.druid.sql.ast.expr.SQLCharExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlInsertStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlKey;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlPrimaryKey;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlUnique;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableAlterColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableChangeColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableModifyColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlRenameTableStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlTableIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableRenameColumn;
import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.exec.Row;
import io.strata.sql.catalog.Catalog;
import io.strata.sql.catalog.CatalogStore;
import io.strata.sql.catalog.DatabaseDef;
import io.strata.sql.catalog.IdAllocator;
import io.strata.sql.catalog.InformationSchema;
import io.strata.sql.exec.KvTableAccess;
import io.strata.sql.exec.TableWriter;
import io.strata.sql.session.StrataSession;
import io.strata.sql.session.Warning;
import io.strata.spi.ErrorCode;
import io.strata.spi.Key;
import io.strata.spi.StrataException;
import io.strata.spi.codec.TableCodec;
import io.strata.spi.kv.KvIterator;
import io.strata.spi.kv.Transaction;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.StatementResult;
import io.strata.spi.session.UpdateResult;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * CREATE/DROP DATABASE, CREATE/DROP/TRUNCATE TABLE, CREATE/DROP INDEX and ALTER TABLE. Each DDL
 * runs in a transaction of its own ({@link CatalogStore#runDdl}); data changes it implies (index
 * backfill with uniqueness checks, removing a dropped table's rows) commit atomically with it.
 */
public final class DdlExecutor {
    private final DmlExecutor dml;

    public DdlExecutor(DmlExecutor dml) {
        this.dml = dml;
    }

    public StatementResult execute(SQLStatement st, StrataSession session) {
        if (st instanceof SQLCreateDatabaseStatement s) {
            return createDatabase(s, session);
        }
        if (st instanceof SQLDropDatabaseStatement s) {
            return dropDatabase(s, session);
        }
        if (st instanceof SQLCreateTableStatement s) {
            return createTable(s, session);
        }
        if (st instanceof SQLDropTableStatement s) {
            return dropTables(s, session);
        }
        if (st instanceof SQLTruncateStatement s) {
            return truncate(s, session);
        }
        if (st instanceof SQLCreateIndexStatement s) {
            return createIndex(s, session);
        }
        if (st instanceof SQLDropIndexStatement s) {
            QualifiedTable q = qualified(s.getTableName(), session);
            String name = Names.simple(s.getIndexName());
            return alter(q, session, (t, changes) -> dropIndex(t, name, changes));
        }
        if (st instanceof SQLAlterTableStatement s) {
            return alterTable(s, session);
        }
        if (st instanceof MySqlRenameTableStatement s) {
            return renameTables(s, session);
        }
        throw ErrorCode.NOT_SUPPORTED_YET.error(st.getClass().getSimpleName());
    }

    private record QualifiedTable(String database, String table) {
    }

    private static QualifiedTable qualified(SQLExprTableSource ts, StrataSession session) {
        Names.QualifiedName q = Names.qualify(ts, session.currentDatabase());
        return new QualifiedTable(q.database(), q.table());
    }

    private static void note(StrataSession session, ErrorCode code, Object... args) {
        session.addWarning(new Warning("Note", code.mysqlCode(), code.format(args)));
    }

    private static void checkNotSystem(String db) {
        if (InformationSchema.isInformationSchema(db)) {
            throw new StrataException(ErrorCode.ACCESS_DENIED,
                    "Access denied for user 'root'@'%' to database '" + InformationSchema.NAME + "'");
        }
    }

    // ------------------------------------------------------------------ databases

    private StatementResult createDatabase(SQLCreateDatabaseStatement s, StrataSession session) {
        String db = Names.simple(s.getName()).toLowerCase(Locale.ROOT);
        boolean created = session.services().catalog().runDdl((txn, catalog, w) -> {
            if (catalog.hasDatabase(db)) {
                if (s.isIfNotExists()) {
                    return false;
                }
                throw ErrorCode.DB_CREATE_EXISTS.error(db);
            }
            w.putDatabase(new DatabaseDef(db, s.getCharacterSet(), s.getCollate()));
            return true;
        });
        if (!created) {
            note(session, ErrorCode.DB_CREATE_EXISTS, db);
        }
        return new UpdateResult(created ? 1 : 0, 0, "");
    }

    private StatementResult dropDatabase(SQLDropDatabaseStatement s, StrataSession session) {
        String db = Names.simple(s.getName()).toLowerCase(Locale.ROOT);
        checkNotSystem(db);
        List<TableDef> dropped = session.services().catalog().runDdl((txn, catalog, w) -> {
            if (!catalog.hasDatabase(db)) {
                if (s.isIfExists()) {
                    return null;
                }
                throw ErrorCode.DB_DROP_EXISTS.error(db);
            }
            List<TableDef> tables = new ArrayList<>(catalog.tables(db));
            for (TableDef t : tables) {
                w.deleteTable(t.id());
                deleteRange(txn, TableCodec.tablePrefix(t.id()));
            }
            w.deleteDatabase(db);
            return tables;
        });
        if (dropped == null) {
            note(session, ErrorCode.DB_DROP_EXISTS, db);
            return UpdateResult.OK;
        }
        forgetSequences(session, dropped);
        if (db.equals(session.currentDatabase())) {
            session.clearCurrentDatabase();
        }
        return new UpdateResult(dropped.size(), 0, "");
    }

    // ------------------------------------------------------------------ tables

    private StatementResult createTable(SQLCreateTableStatement s, StrataSession session) {
        if (s.isTemporary()) {
            throw ErrorCode.NOT_SUPPORTED_YET.error("CREATE TEMPORARY TABLE");
        }
        QualifiedTable q = qualified(s.getTableSource(), session);
        checkNotSystem(q.database());
        List<SQLTableElement> elements = new ArrayList<>(s.getTableElementList());
        List<String> selectColumns = List.of();
        if (s.getSelect() != null) {
            // CREATE TABLE … AS SELECT: the select's columns follow the explicitly defined ones
            List<ColumnMeta> metas = session.describe(s.getSelect());
            List<String> names = new ArrayList<>();
            for (ColumnMeta m : metas) {
                names.add(m.name());
                boolean defined = elements.stream().anyMatch(e -> e instanceof SQLColumnDefinition d
                        && Names.unquote(d.getColumnName()).equalsIgnoreCase(m.name()));
                if (!defined) {
                    elements.add(derivedColumn(m));
                }
            }
            selectColumns = names;
        }
        long id = session.services().ids().next(IdAllocator.tableIdSequence());
        Long autoIncrementStart = null;
        String comment = s.getComment() instanceof SQLCharExpr c ? c.getText() : null;
        for (SQLAssignItem option : s.getTableOptions()) {
            String name = Names.simple(option.getTarget()).toUpperCase(Locale.ROOT);
            Object v = Exprs.literal(option.getValue(), null);
            if (name.equals("AUTO_INCREMENT") && v instanceof Number n) {
                autoIncrementStart = n.longValue();
            } else if (name.equals("COMMENT") && v instanceof String str) {
                comment = str;
            }
        }
        String tableComment = comment;
        Boolean created = session.services().catalog().runDdl((txn, catalog, w) -> {
            if (!catalog.hasDatabase(q.database())) {
                throw ErrorCode.BAD_DB_ERROR.error(q.database());
            }
            if (catalog.table(q.database(), q.table()).isPresent()) {
                if (s.isIfNotExists()) {
                    return false;
                }
                throw ErrorCode.TABLE_EXISTS.error(q.table());
            }
            TableDef t;
            if (s.getLike() != null) {
                TableDef src = Names.resolve(catalog, s.getLike(), session.currentDatabase());
                t = new TableDef(id, q.database(), q.table(), src.columns(), src.indexes(), src.pkIsHandle(),
                        src.nextColumnId(), src.nextIndexId(), src.comment());
            } else {
                t = buildTable(id, q, elements, tableComment);
            }
            w.putTable(t);
            return true;
        });
        if (!created) {
            note(session, ErrorCode.TABLE_EXISTS, q.table());
            return UpdateResult.OK;
        }
        if (autoIncrementStart != null && autoIncrementStart > 1) {
            session.services().ids().rebase(IdAllocator.autoIncrementSequence(id), autoIncrementStart - 1);
        }
        if (s.getSelect() != null) {
            return fillFromSelect(s, q, selectColumns, session);
        }
        return UpdateResult.OK;
    }

    /**
     * Inserts the rows of CREATE TABLE … SELECT. DDL is atomic in MySQL 8: if the insert fails,
     * the new table is dropped again.
     */
    private StatementResult fillFromSelect(SQLCreateTableStatement s, QualifiedTable q, List<String> columns,
                                           StrataSession session) {
        MySqlInsertStatement ins = new MySqlInsertStatement();
        ins.setTableSource(new SQLExprTableSource(new SQLPropertyExpr(quoted(q.database()), quoted(q.table()))));
        for (String c : columns) {
            ins.addColumn(new SQLIdentifierExpr(quoted(c)));
        }
        ins.setQuery(s.getSelect().clone());
        ins.setIgnore(s.isIgnore());
        try {
            StatementResult r = session.runInTransaction(null, ctx -> dml.insert(ins, ctx));
            session.commitImplicitly(); // with autocommit off the rows went into a session transaction
            return r;
        } catch (RuntimeException e) {
            session.services().catalog().runDdl((txn, catalog, w) -> {
                catalog.table(q.database(), q.table()).ifPresent(t -> {
                    w.deleteTable(t.id());
                    deleteRange(txn, TableCodec.tablePrefix(t.id()));
                });
                return null;
            });
            throw e;
        }
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** A column definition for a CREATE TABLE … SELECT column, from its result metadata. */
    private static SQLColumnDefinition derivedColumn(ColumnMeta m) {
        boolean binary = m.charset() == ColumnMeta.CHARSET_BINARY;
        int chars = (int) Math.max(1, binary ? m.length() : m.length() / 4);
        String type = switch (m.type()) {
            case TINY -> "tinyint";
            case SHORT -> "smallint";
            case INT24 -> "mediumint";
            case LONG -> "int";
            case LONGLONG -> "bigint";
            case YEAR -> "year";
            case BIT -> "bit(" + Math.max(1, Math.min(64, m.length())) + ")";
            case DECIMAL, NEWDECIMAL -> {
                int scale = Math.min(30, Math.max(0, m.decimals()));
                int precision = (int) m.length() - (scale > 0 ? 1 : 0) - (m.isUnsigned() ? 0 : 1);
                precision = Math.min(65, Math.max(Math.max(1, scale), precision));
                yield "decimal(" + precision + "," + scale + ")";
            }
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case DATE -> "date";
            case DATETIME -> m.decimals() > 0 && m.decimals() <= 6 ? "datetime(" + m.decimals() + ")" : "datetime";
            case TIMESTAMP -> m.decimals() > 0 && m.decimals() <= 6 ? "timestamp(" + m.decimals() + ")" : "timestamp";
            case TIME -> m.decimals() > 0 && m.decimals() <= 6 ? "time(" + m.decimals() + ")" : "time";
            case JSON -> "json";
            case TINY_BLOB, BLOB, MEDIUM_BLOB, LONG_BLOB -> binary ? (m.length() > 65535 ? "longblob" : "blob")
                    : (m.length() > 65535 * 4 ? "longtext" : "text");
            case STRING -> binary ? "binary(" + chars + ")" : "char(" + Math.min(255, chars) + ")";
            default -> binary ? "varbinary(" + Math.min(65535, chars) + ")"
                    : chars > 16383 ? "longtext" : "varchar(" + chars + ")";
        };
        String ddl = "CREATE TABLE x (" + quoted(m.name()) + " " + type
                + ((m.isUnsigned() && m.type() != io.strata.spi.session.MysqlType.DECIMAL
                && m.type() != io.strata.spi.session.MysqlType.NEWDECIMAL) ? " unsigned" : "")
                + ((m.flags() & ColumnMeta.NOT_NULL_FLAG) != 0 ? " NOT NULL" : "") + ")";
        SQLCreateTableStatement parsed = (SQLCreateTableStatement) SqlParser.parse(ddl).get(0);
        return (SQLColumnDefinition) parsed.getTableElementList().get(0);
    }

    private static TableDef buildTable(long id, QualifiedTable q, List<SQLTableElement> elements, String comment) {
        List<ColumnDef> columns = new ArrayList<>();
        List<Integer> pk = null;
        record Key(String name, List<SQLSelectOrderByItem> items, List<Integer> ids, boolean unique) {
        }
        List<Key> keys = new ArrayList<>();
        int nextColumn = 1;
        for (SQLTableElement e : elements) {
            if (e instanceof SQLColumnDefinition def) {
                TableDefBuilder.ParsedColumn pc = TableDefBuilder.column(def, nextColumn++);
                ColumnDef c = pc.column();
                if (columns.stream().anyMatch(x -> x.name().equalsIgnoreCase(c.name()))) {
                    throw ErrorCode.DUP_FIELDNAME.error(c.name());
                }
                columns.add(c);
                if (pc.primaryKey()) {
                    if (pk != null) {
                        throw ErrorCode.MULTIPLE_PRI_KEY.error();
                    }
                    pk = List.of(c.id());
                }
                if (pc.unique()) {
                    keys.add(new Key(null, null, List.of(c.id()), true));
                }
            }
        }
        for (SQLTableElement e : elements) {
            if (e instanceof MySqlPrimaryKey k) {
                if (pk != null) {
                    throw ErrorCode.MULTIPLE_PRI_KEY.error();
                }
                pk = TableDefBuilder.keyColumns(k.getColumns(), columns, q.table());
            } else if (e instanceof MySqlUnique k) {
                keys.add(new Key(nameOf(k.getName()), k.getColumns(), null, true));
            } else if (e instanceof MySqlKey k) {
                keys.add(new Key(nameOf(k.getName()), k.getColumns(), null, false));
            } else if (e instanceof MySqlTableIndex k) {
                keys.add(new Key(nameOf(k.getName()), k.getColumns(), null, false));
            }
            // FOREIGN KEY and CHECK constraints are accepted and not enforced
        }
        List<IndexDef> indexes = new ArrayList<>();
        long nextIndex = 1;
        if (pk != null) {
            List<Integer> pkIds = pk;
            for (int i = 0; i < columns.size(); i++) {
                if (pkIds.contains(columns.get(i).id())) {
                    columns.set(i, TableDefBuilder.withNullable(columns.get(i), false));
                }
            }
            indexes.add(new IndexDef(nextIndex++, "PRIMARY", pk, true, true));
        }
        for (Key k : keys) {
            List<Integer> ids = k.ids() != null ? k.ids() : TableDefBuilder.keyColumns(k.items(), columns, q.table());
            if (k.name() != null && (TableDefBuilder.nameTaken(k.name(), indexes) || k.name().equalsIgnoreCase("PRIMARY"))) {
                throw ErrorCode.DUP_KEYNAME.error(k.name());
            }
            String name = TableDefBuilder.keyName(k.name(), ids, columns, indexes);
            indexes.add(new IndexDef(nextIndex++, name, ids, k.unique(), false));
        }
        boolean pkIsHandle = pk != null && TableDefBuilder.canBeHandle(pk, columns);
        TableDef t = new TableDef(id, q.database(), q.table(), columns, indexes, pkIsHandle, nextColumn, nextIndex, comment);
        TableDefBuilder.validate(t);
        return t;
    }

    private static String nameOf(SQLName n) {
        return n == null ? null : Names.simple(n);
    }

    private StatementResult dropTables(SQLDropTableStatement s, StrataSession session) {
        List<QualifiedTable> names = new ArrayList<>();
        for (SQLExprTableSource ts : s.getTableSources()) {
            QualifiedTable q = qualified(ts, session);
            checkNotSystem(q.database());
            names.add(q);
        }
        List<String> missingNames = new ArrayList<>();
        List<TableDef> dropped = session.services().catalog().runDdl((txn, catalog, w) -> {
            List<String> missing = new ArrayList<>();
            List<TableDef> found = new ArrayList<>();
            for (QualifiedTable q : names) {
                catalog.table(q.database(), q.table()).ifPresentOrElse(found::add,
                        () -> missing.add(q.database() + "." + q.table()));
            }
            if (!missing.isEmpty() && !s.isIfExists()) {
                throw ErrorCode.BAD_TABLE.error(String.join(",", missing));
            }
            missingNames.clear();
            missingNames.addAll(missing);
            for (TableDef t : found) {
                w.deleteTable(t.id());
                deleteRange(txn, TableCodec.tablePrefix(t.id()));
            }
            return found;
        });
        for (String m : missingNames) {
            note(session, ErrorCode.BAD_TABLE, m);
        }
        forgetSequences(session, dropped);
        return UpdateResult.OK;
    }

    private StatementResult truncate(SQLTruncateStatement s, StrataSession session) {
        for (SQLExprTableSource ts : s.getTableSources()) {
            QualifiedTable q = qualified(ts, session);
            checkNotSystem(q.database());
            long newId = session.services().ids().next(IdAllocator.tableIdSequence());
            TableDef old = session.services().catalog().runDdl((txn, catalog, w) -> {
                TableDef t = catalog.table(q.database(), q.table())
                        .orElseThrow(() -> ErrorCode.NO_SUCH_TABLE.error(q.database(), q.table()));
                w.deleteTable(t.id());
                deleteRange(txn, TableCodec.tablePrefix(t.id()));
                // a new id gives the table fresh row-id and AUTO_INCREMENT sequences, as TRUNCATE resets them
                w.putTable(new TableDef(newId, t.database(), t.name(), t.columns(), t.indexes(), t.pkIsHandle(),
                        t.nextColumnId(), t.nextIndexId(), t.comment()));
                return t;
            });
            forgetSequences(session, List.of(old));
        }
        return UpdateResult.OK;
    }

    private static void forgetSequences(StrataSession session, List<TableDef> tables) {
        for (TableDef t : tables) {
            session.services().ids().forget(IdAllocator.rowIdSequence(t.id()));
            session.services().ids().forget(IdAllocator.autoIncrementSequence(t.id()));
        }
    }

    /** Deletes every key in the prefix (a dropped table's rows and index entries). */
    private static void deleteRange(Transaction txn, Key prefix) {
        List<Key> keys = new ArrayList<>();
        try (KvIterator it = txn.scan(prefix, prefix.prefixNext())) {
            while (it.hasNext()) {
                keys.add(it.next().key());
            }
        }
        for (Key k : keys) {
            txn.delete(k);
        }
    }

    // ------------------------------------------------------------------ indexes and ALTER TABLE

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

    private StatementResult createIndex(SQLCreateIndexStatement s, StrataSession session) {
        if (!(s.getTable() instanceof SQLExprTableSource ts)) {
            throw ErrorCode.NOT_SUPPORTED_YET.error("CREATE INDEX without a table");
        }
        QualifiedTable q = qualified(ts, session);
        boolean unique = "UNIQUE".equalsIgnoreCase(s.getType());
        String name = nameOf(s.getName());
        List<SQLSelectOrderByItem> items = s.getItems();
        return alter(q, session, (t, changes) -> addIndex(t, name, items, unique, false, changes));
    }

    private StatementResult alterTable(SQLAlterTableStatement s, StrataSession session) {
        QualifiedTable q = qualified(s.getTableSource(), session);
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
                        c.onUpdateExpr(), c.autoIncrement(), c.comment()));
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
                        c.onUpdateExpr(), c.autoIncrement(), c.comment()));
            }
            return t;
        }
        throw ErrorCode.NOT_SUPPORTED_YET.error("ALTER TABLE " + item.toString().trim());
    }

    private static TableDef addColumn(TableDef t, SQLColumnDefinition def, boolean first, String after, Changes changes) {
        TableDefBuilder.ParsedColumn pc = TableDefBuilder.column(def, t.nextColumnId());
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
                c.onUpdateExpr(), c.autoIncrement(), c.comment());
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
        TableDefBuilder.ParsedColumn pc = TableDefBuilder.column(def, old.id());
        ColumnDef now = pc.column();
        if (!now.name().equalsIgnoreCase(old.name()) && t.column(now.name()).isPresent()) {
            throw ErrorCode.DUP_FIELDNAME.error(now.name());
        }
        boolean inPk = t.primaryKey().map(pk -> pk.columnIds().contains(old.id())).orElse(false);
        if (inPk) {
            now = TableDefBuilder.withNullable(now, false);
        }
        if (t.pkIsHandle() && t.handleColumnIndex() == t.columnIndexById(old.id())
                && !TableDefBuilder.canBeHandle(List.of(old.id()), List.of(now))) {
            throw ErrorCode.NOT_SUPPORTED_YET.error("changing the integer primary key (the row handle) to a non-integer type");
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
        if (!now.type().equals(old.type()) || now.nullable() != old.nullable()) {
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
    private StatementResult alter(QualifiedTable q, StrataSession session, Alteration alteration) {
        checkNotSystem(q.database());
        session.services().catalog().runDdl((txn, catalog, w) -> {
            TableDef t = catalog.table(q.database(), q.table())
                    .orElseThrow(() -> ErrorCode.NO_SUCH_TABLE.error(q.database(), q.table()));
            Changes changes = new Changes();
            TableDef altered = alteration.apply(t, changes);
            TableDefBuilder.validate(altered);
            for (IndexDef idx : changes.dropped) {
                if (changes.added.stream().noneMatch(a -> a.id() == idx.id())) {
                    deleteRange(txn, TableCodec.indexPrefix(t.id(), idx.id()));
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
                    throw new StrataException(ErrorCode.BAD_NULL_ERROR, "Invalid use of NULL value");
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

    private StatementResult renameTables(MySqlRenameTableStatement s, StrataSession session) {
        record Rename(QualifiedTable from, QualifiedTable to) {
        }
        List<Rename> renames = new ArrayList<>();
        for (MySqlRenameTableStatement.Item item : s.getItems()) {
            Names.QualifiedName f = Names.qualify(item.getName(), session.currentDatabase());
            Names.QualifiedName t = Names.qualify(item.getTo(), session.currentDatabase());
            checkNotSystem(f.database());
            checkNotSystem(t.database());
            renames.add(new Rename(new QualifiedTable(f.database(), f.table()), new QualifiedTable(t.database(), t.table())));
        }
        session.services().catalog().runDdl((txn, catalog, w) -> {
            // renames apply in order, each seeing the previous ones (RENAME TABLE a TO tmp, b TO a, tmp TO b)
            java.util.Map<String, TableDef> byName = new java.util.HashMap<>();
            java.util.Set<String> gone = new java.util.HashSet<>();
            for (Rename r : renames) {
                String fromKey = r.from().database() + "." + r.from().table();
                String toKey = r.to().database() + "." + r.to().table();
                TableDef t = byName.containsKey(fromKey) ? byName.get(fromKey)
                        : gone.contains(fromKey) ? null : catalog.table(r.from().database(), r.from().table()).orElse(null);
                if (t == null) {
                    throw ErrorCode.NO_SUCH_TABLE.error(r.from().database(), r.from().table());
                }
                boolean targetTaken = byName.containsKey(toKey)
                        || (!gone.contains(toKey) && catalog.table(r.to().database(), r.to().table()).isPresent());
                if (targetTaken) {
                    throw ErrorCode.TABLE_EXISTS.error(r.to().table());
                }
                if (!catalog.hasDatabase(r.to().database())) {
                    throw ErrorCode.BAD_DB_ERROR.error(r.to().database());
                }
                TableDef moved = new TableDef(t.id(), r.to().database(), r.to().table(), t.columns(), t.indexes(),
                        t.pkIsHandle(), t.nextColumnId(), t.nextIndexId(), t.comment());
                byName.remove(fromKey);
                gone.add(fromKey);
                gone.remove(toKey);
                byName.put(toKey, moved);
            }
            for (TableDef t : byName.values()) {
                w.putTable(t);
            }
            return null;
        });
        return UpdateResult.OK;
    }

    /** Writes entries of new indexes for every existing row, failing with 1062 on a duplicate. */
    private static void backfill(Transaction txn, Catalog catalog, TableDef t, List<IndexDef> added) {
        if (added.isEmpty()) {
            return;
        }
        TableWriter writer = new TableWriter(txn, t);
        KvTableAccess access = new KvTableAccess(catalog);
        List<Row> rows = new ArrayList<>();
        Iterator<Row> it = access.scan(txn, t, Long.MIN_VALUE, Long.MAX_VALUE);
        while (it.hasNext()) {
            rows.add(it.next());
        }
        for (IndexDef idx : added) {
            for (Row row : rows) {
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

    static boolean isCharType(SQLColumnDefinition def) {
        return def.getDataType() instanceof SQLCharacterDataType;
    }
}
