package io.strata.columnstore.kernel;

import io.strata.columnstore.ColumnBatch;
import io.strata.columnstore.ColumnSpec;
import io.strata.columnstore.TableSchema;

import java.util.ArrayList;
import java.util.List;

/** Copies the selected rows of some columns of a batch into a new batch (vector to vector). */
public final class Projection {
    private Projection() {
    }

    /** A new batch (in the same store; the caller closes it) of {@code columns} of the selected rows. */
    public static ColumnBatch project(ColumnBatch batch, Selection selection, int[] columns) {
        List<ColumnSpec> specs = new ArrayList<>();
        for (int c : columns) {
            specs.add(batch.schema().column(c));
        }
        try (ColumnBatch.Builder b = batch.newBatch(new TableSchema(specs))) {
            b.appendRows(batch, columns, selection.rowArray(), selection.count());
            return b.build();
        }
    }
}
