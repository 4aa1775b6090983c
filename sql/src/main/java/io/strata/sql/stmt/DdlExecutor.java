package io.strata.sql.stmt;

import io.strata.spi.collation.Collation;
import io.strata.spi.collation.Collations;

import com.alibaba.druid.sql.ast.SQLName;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLAssignItem;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
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
import com.alibaba.druid.sql.ast.expr.SQLCharExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlInsertStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlKey;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlPrimaryKey;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlUnique;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlRenameTableStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlTableIndex;
import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.sql.catalog.CatalogStore;
import io.strata.sql.catalog.DatabaseDef;
import io.strata.sql.catalog.IdAllocator;
import io.strata.sql.catalog.InformationSchema;
import io.strata.sql.session.StrataSession;
import io.strata.sql.session.Warning;
import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;
import io.strata.spi.codec.TableCodec;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.StatementResult;
import io.strata.spi.session.UpdateResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CREATE/DROP DATABASE, CREATE/DROP/TRUNCATE/RENAME TABLE; index changes and ALTER TABLE are
 * delegated to {@link AlterTableExecutor}. Each DDL
 * runs in a transaction of its own ({@link CatalogStore#runDdl}); data changes it implies (index
 * backfill with uniqueness checks, removing a dropped table's rows) commit atomically with it.
 */
public final class DdlExecutor {
    private final DmlExecutor dml;
    private final AlterTableExecutor alterations = new AlterTableExecutor();

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
            return alterations.createIndex(s, session);
        }
        if (st instanceof SQLDropIndexStatement s) {
            return alterations.dropIndex(s, session);
        }
        if (st instanceof SQLAlterTableStatement s) {
            return alterations.alterTable(s, session);
        }
        if (st instanceof MySqlRenameTableStatement s) {
            return renameTables(s, session);
        }
        throw ErrorCode.NOT_SUPPORTED_YET.error(st.getClass().getSimpleName());
    }

    record QualifiedTable(String database, String table) {
    }

    static QualifiedTable qualified(SQLExprTableSource ts, StrataSession session) {
        Names.QualifiedName q = Names.qualify(ts, session.currentDatabase());
        return new QualifiedTable(q.database(), q.table());
    }

    private static void note(StrataSession session, ErrorCode code, Object... args) {
        session.addWarning(new Warning("Note", code.mysqlCode(), code.format(args)));
    }

    static void checkNotSystem(String db) {
        if (InformationSchema.isInformationSchema(db)) {
            // MySQL answers 1044 (ER_DBACCESS_DENIED_ERROR), which ErrorCode lacks; 1045 would read
            // as a failed login to drivers, so this reports the operation as unsupported instead
            throw ErrorCode.NOT_SUPPORTED_YET.error("changing " + InformationSchema.NAME);
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
            Collation c = TableDefBuilder.collation(s.getCharacterSet(), s.getCollate());
            w.putDatabase(c == null ? DatabaseDef.of(db) : new DatabaseDef(db, c.charset(), c.name()));
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
                w.destroyRange(TableCodec.tablePrefix(t.id()));
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
        String charsetOption = null;
        String collateOption = null;
        for (SQLAssignItem option : s.getTableOptions()) {
            String name = Names.simple(option.getTarget()).toUpperCase(Locale.ROOT);
            Object v = Exprs.literal(option.getValue(), null);
            if (name.equals("AUTO_INCREMENT") && v instanceof Number n) {
                autoIncrementStart = n.longValue();
            } else if (name.equals("COMMENT") && v instanceof String str) {
                comment = str;
            } else if (name.equals("CHARSET") || name.equals("CHARACTER SET") || name.equals("DEFAULT CHARSET")) {
                charsetOption = Names.simple(option.getValue());
            } else if (name.equals("COLLATE") || name.equals("DEFAULT COLLATE")) {
                collateOption = Names.simple(option.getValue());
            }
        }
        String tableComment = comment;
        Collation tableCollation = TableDefBuilder.collation(charsetOption, collateOption);
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
                Collation dflt = tableCollation != null ? tableCollation : catalog.database(q.database())
                        .flatMap(d -> Collations.byName(d.collation())).orElse(Collations.DEFAULT);
                t = buildTable(id, q, elements, tableComment, dflt);
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
                    w.destroyRange(TableCodec.tablePrefix(t.id()));
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

    private static TableDef buildTable(long id, QualifiedTable q, List<SQLTableElement> elements, String comment,
                                       Collation defaultCollation) {
        List<ColumnDef> columns = new ArrayList<>();
        List<Integer> pk = null;
        record Key(String name, List<SQLSelectOrderByItem> items, List<Integer> ids, boolean unique) {
        }
        List<Key> keys = new ArrayList<>();
        int nextColumn = 1;
        for (SQLTableElement e : elements) {
            if (e instanceof SQLColumnDefinition def) {
                TableDefBuilder.ParsedColumn pc = TableDefBuilder.column(def, nextColumn++, defaultCollation);
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

    static String nameOf(SQLName n) {
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
                w.destroyRange(TableCodec.tablePrefix(t.id()));
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
                w.destroyRange(TableCodec.tablePrefix(t.id()));
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

}
