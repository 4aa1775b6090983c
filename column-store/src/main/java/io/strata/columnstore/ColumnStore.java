package io.strata.columnstore;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The column store's memory: one Arrow {@link RootAllocator} for everything it builds, so every
 * byte it holds is accounted in one place and {@link #close()} fails loudly (Arrow's leak check)
 * when a batch was not closed. Each batch gets a child allocator of its own.
 */
public final class ColumnStore implements AutoCloseable {
    private final RootAllocator allocator;

    public ColumnStore() {
        this(Long.MAX_VALUE);
    }

    public ColumnStore(long limitBytes) {
        this.allocator = new RootAllocator(limitBytes);
    }

    /** A builder of one batch of rows of {@code schema}; closing the built batch frees its memory. */
    public ColumnBatch.Builder newBatch(TableSchema schema) {
        return new ColumnBatch.Builder(allocator.newChildAllocator("batch", 0, Long.MAX_VALUE), schema);
    }

    /** Bytes currently held by open batches. */
    public long allocatedBytes() {
        return allocator.getAllocatedMemory();
    }

    BufferAllocator allocator() {
        return allocator;
    }

    @Override
    public void close() {
        allocator.close();
    }
}
