package io.strata.optimizer.catalog;

import java.util.Collection;
import java.util.Optional;

/**
 * An immutable view of all databases and tables at one schema version. Plans are cached per
 * version; any DDL publishes a new snapshot with a higher version.
 */
public interface CatalogSnapshot {
    long version();

    Collection<String> databases();

    boolean hasDatabase(String database);

    /** Tables of a database in name order; empty if it does not exist. */
    Collection<TableDef> tables(String database);

    Optional<TableDef> table(String database, String table);
}
