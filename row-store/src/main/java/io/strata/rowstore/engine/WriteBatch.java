package io.strata.rowstore.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An ordered list of puts and deletes across column families, applied atomically by
 * {@link KvEngine#write}. Engine-neutral so the MVCC layer never sees RocksDB types. The batch takes
 * ownership of the arrays it is given: callers must not modify them afterwards.
 */
public final class WriteBatch {
    /**
     * One operation: a put, a delete ({@code value == null}) or the deletion of every key in
     * {@code [key, end)} ({@code end != null}).
     */
    public record Op(ColumnFamily cf, byte[] key, byte[] value, byte[] end) {
        public Op {
            requireNonNull(cf, "cf is null");
            requireNonNull(key, "key is null");
        }

        public boolean isDelete() {
            return value == null && end == null;
        }

        public boolean isRangeDelete() {
            return end != null;
        }
    }

    private final List<Op> ops = new ArrayList<>();
    private long bytes;

    public WriteBatch put(ColumnFamily cf, byte[] key, byte[] value) {
        requireNonNull(value, "value is null");
        ops.add(new Op(cf, key, value, null));
        bytes += key.length + value.length;
        return this;
    }

    public WriteBatch delete(ColumnFamily cf, byte[] key) {
        ops.add(new Op(cf, key, null, null));
        bytes += key.length;
        return this;
    }

    /** Deletes every key in {@code [begin, end)} of {@code cf} (RocksDB's range tombstone). */
    public WriteBatch deleteRange(ColumnFamily cf, byte[] begin, byte[] end) {
        requireNonNull(end, "end is null");
        ops.add(new Op(cf, begin, null, end));
        bytes += begin.length + end.length;
        return this;
    }

    /** Appends all operations of {@code other}, in order. */
    public WriteBatch addAll(WriteBatch other) {
        ops.addAll(other.ops);
        bytes += other.bytes;
        return this;
    }

    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    public int size() {
        return ops.size();
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /** Approximate payload size in bytes. */
    public long approximateBytes() {
        return bytes;
    }
}
