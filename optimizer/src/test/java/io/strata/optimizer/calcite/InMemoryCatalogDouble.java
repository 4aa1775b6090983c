package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.CatalogSnapshot;
import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.catalog.TypeKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Test double: an immutable in-memory {@link CatalogSnapshot} built from table definitions. */
final class InMemoryCatalogDouble implements CatalogSnapshot {
    private final long version;
    private final Map<String, Map<String, TableDef>> dbs = new TreeMap<>();

    InMemoryCatalogDouble(long version, List<String> databases, List<TableDef> tables) {
        this.version = version;
        for (String db : databases) {
            dbs.put(TableDef.normalize(db), new TreeMap<>());
        }
        for (TableDef t : tables) {
            dbs.computeIfAbsent(TableDef.normalize(t.database()), k -> new TreeMap<>()).put(TableDef.normalize(t.name()), t);
        }
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public Collection<String> databases() {
        return List.copyOf(dbs.keySet());
    }

    @Override
    public boolean hasDatabase(String database) {
        return dbs.containsKey(TableDef.normalize(database));
    }

    @Override
    public Collection<TableDef> tables(String database) {
        Map<String, TableDef> m = dbs.get(TableDef.normalize(database));
        return m == null ? List.of() : List.copyOf(m.values());
    }

    @Override
    public Optional<TableDef> table(String database, String table) {
        Map<String, TableDef> m = dbs.get(TableDef.normalize(database));
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(TableDef.normalize(table)));
    }

    /** Builds a TableDef column by column. */
    static final class TableBuilder {
        private final long id;
        private final String db;
        private final String name;
        private final List<ColumnDef> columns = new ArrayList<>();
        private final List<IndexDef> indexes = new ArrayList<>();
        private boolean pkIsHandle;

        TableBuilder(long id, String db, String name) {
            this.id = id;
            this.db = db;
            this.name = name;
        }

        TableBuilder col(String name, TypeKind kind, boolean nullable) {
            return col(name, ColumnType.of(kind), nullable);
        }

        TableBuilder col(String name, ColumnType type, boolean nullable) {
            columns.add(new ColumnDef(columns.size() + 1, name, type, nullable, false, null, null, null, false, ""));
            return this;
        }

        /** Integer primary key that is the row handle. */
        TableBuilder pkHandle(String column) {
            int colId = columnId(column);
            indexes.add(new IndexDef(1, "PRIMARY", List.of(colId), true, true));
            pkIsHandle = true;
            return this;
        }

        TableBuilder index(String indexName, boolean unique, String... cols) {
            List<Integer> ids = new ArrayList<>();
            for (String c : cols) {
                ids.add(columnId(c));
            }
            indexes.add(new IndexDef(indexes.size() + 2, indexName, ids, unique, false));
            return this;
        }

        private int columnId(String column) {
            for (ColumnDef c : columns) {
                if (c.name().equalsIgnoreCase(column)) {
                    return c.id();
                }
            }
            throw new IllegalArgumentException(column);
        }

        TableDef build() {
            return new TableDef(id, db, name, columns, indexes, pkIsHandle, columns.size() + 1, indexes.size() + 2, "");
        }
    }
}
