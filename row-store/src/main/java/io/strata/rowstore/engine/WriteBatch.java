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
    /** One operation; {@code value == null} means delete. */
    public record Op(ColumnFamily cf, byte[] key, byte[] value) {
        public Op {
            requireNonNull(cf, "cf is null");
            requireNonNull(key, "key is null");
        }

        public boolean isDelete() {
            return value == null;
        }
    }

    private final List<Op> ops = new ArrayList<>();
    private long bytes;

    public WriteBatch put(ColumnFamily cf, byte[] key, byte[] value) {
        requireNonNull(value, "value is null");
        ops.add(new Op(cf, key, value));
        bytes += key.length + value.length;
        return this;
    }

    public WriteBatch delete(ColumnFamily cf, byte[] key) {
        ops.add(new Op(cf, key, null));
        bytes += key.length;
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
