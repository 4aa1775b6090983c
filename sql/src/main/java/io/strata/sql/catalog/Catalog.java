package io.strata.sql.catalog;

import io.strata.optimizer.catalog.CatalogSnapshot;
import io.strata.optimizer.catalog.TableDef;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * One immutable version of the catalog: the stored databases and tables plus the virtual
 * {@code information_schema}. Names are kept in lower case (lower_case_table_names=1), lookups
 * are case-insensitive.
 */
public final class Catalog implements CatalogSnapshot {
    private final long version;
    private final Map<String, DatabaseDef> databases;
    private final Map<String, Map<String, TableDef>> tables;

    public Catalog(long version, Collection<DatabaseDef> databases, Collection<TableDef> tables) {
        this.version = version;
        TreeMap<String, DatabaseDef> dbs = new TreeMap<>();
        for (DatabaseDef d : databases) {
            dbs.put(TableDef.normalize(d.name()), d);
        }
        dbs.put(InformationSchema.NAME, DatabaseDef.of(InformationSchema.NAME));
        TreeMap<String, Map<String, TableDef>> tbls = new TreeMap<>();
        for (String db : dbs.keySet()) {
            tbls.put(db, new TreeMap<>());
        }
        for (TableDef t : tables) {
            Map<String, TableDef> m = tbls.get(TableDef.normalize(t.database()));
            if (m != null) {
                m.put(TableDef.normalize(t.name()), t);
            }
        }
        Map<String, TableDef> is = tbls.get(InformationSchema.NAME);
        for (TableDef t : InformationSchema.TABLE_DEFS) {
            is.put(TableDef.normalize(t.name()), t);
        }
        tbls.replaceAll((k, v) -> Collections.unmodifiableMap(v));
        this.databases = Collections.unmodifiableMap(dbs);
        this.tables = Collections.unmodifiableMap(tbls);
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public Collection<String> databases() {
        List<String> names = new ArrayList<>();
        for (DatabaseDef d : databases.values()) {
            names.add(d.name());
        }
        return names;
    }

    public Collection<DatabaseDef> databaseDefs() {
        return databases.values();
    }

    public Optional<DatabaseDef> database(String name) {
        return Optional.ofNullable(databases.get(TableDef.normalize(requireNonNull(name, "name is null"))));
    }

    @Override
    public boolean hasDatabase(String database) {
        return database != null && databases.containsKey(TableDef.normalize(database));
    }

    @Override
    public Collection<TableDef> tables(String database) {
        if (database == null) {
            return List.of();
        }
        Map<String, TableDef> m = tables.get(TableDef.normalize(database));
        return m == null ? List.of() : m.values();
    }

    @Override
    public Optional<TableDef> table(String database, String table) {
        if (database == null || table == null) {
            return Optional.empty();
        }
        Map<String, TableDef> m = tables.get(TableDef.normalize(database));
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(TableDef.normalize(table)));
    }

    /** All stored (non-virtual) tables. */
    public List<TableDef> storedTables() {
        List<TableDef> all = new ArrayList<>();
        for (Map.Entry<String, Map<String, TableDef>> e : tables.entrySet()) {
            if (!e.getKey().equals(InformationSchema.NAME)) {
                all.addAll(e.getValue().values());
            }
        }
        return all;
    }

    public static boolean isVirtual(TableDef t) {
        return t.id() < 0;
    }
}
