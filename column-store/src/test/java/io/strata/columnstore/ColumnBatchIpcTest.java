package io.strata.columnstore;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch is a self-describing Arrow record batch: it crosses Arrow IPC (the format rows take from
 * storage to the SQL tier) and reads back with the same types, values and NULLs.
 */
class ColumnBatchIpcTest {
    @Test
    void batchRoundTripsThroughArrowIpc() throws Exception {
        try (ColumnStore store = new ColumnStore()) {
            List<Object[]> rows = TestRows.randomRows(new Random(5), 777);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ColumnBatch.Builder b = store.newBatch(TestRows.SCHEMA)) {
                for (Object[] row : rows) {
                    b.append(0, row);
                }
                try (ColumnBatch batch = b.build(); ArrowStreamWriter w = new ArrowStreamWriter(batch.root(), null, out)) {
                    w.start();
                    w.writeBatch();
                    w.end();
                }
            }
            BufferAllocator allocator = store.allocator().newChildAllocator("ipc", 0, Long.MAX_VALUE);
            try (allocator; ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(out.toByteArray()), allocator)) {
                assertTrue(reader.loadNextBatch());
                VectorSchemaRoot read = reader.getVectorSchemaRoot();
                assertEquals(rows.size(), read.getRowCount());
                for (int c = 0; c < TestRows.SCHEMA.size(); c++) {
                    ColumnSpec spec = TestRows.SCHEMA.column(c);
                    assertEquals(ColumnBatch.arrowType(spec), read.getVector(c).getField().getType(), spec.name());
                    Column column = new Column(spec, read.getVector(c));
                    for (int r = 0; r < rows.size(); r++) {
                        assertEquals(TestRows.render(rows.get(r)[c]), TestRows.render(column.value(r)), spec.name() + " row " + r);
                    }
                }
            }
            assertEquals(0, store.allocatedBytes());
        }
    }
}
