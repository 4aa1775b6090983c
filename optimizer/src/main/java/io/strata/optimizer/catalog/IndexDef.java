package io.strata.optimizer.catalog;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An index over columns (by column id, in key order). The primary key is an index too: when the
 * table's handle is its single integer primary key ({@link TableDef#pkIsHandle()}), the primary
 * index has no entries of its own, the row key is the index.
 */
public record IndexDef(long id, String name, List<Integer> columnIds, boolean unique, boolean primary) {
    public IndexDef {
        requireNonNull(name, "name is null");
        columnIds = List.copyOf(columnIds);
    }
}
