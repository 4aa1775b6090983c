package io.strata.rowstore.engine;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The in-memory twin of {@link RocksKvEngine}: one {@link ConcurrentSkipListMap} per column family,
 * ordered unsigned-lexicographically. Nothing is durable; {@code sync} is ignored.
 *
 * <p>Batch atomicity: a batch is applied under the write side of a read-write lock and point gets
 * and each iterator step take the read side, so a get never observes half a batch. An iterator,
 * unlike RocksDB's, is not a snapshot: it sees batches that complete while it walks.
 */
public final class MemoryKvEngine implements KvEngine {
    private final Map<ColumnFamily, ConcurrentSkipListMap<byte[], byte[]>> families = new EnumMap<>(ColumnFamily.class);
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private volatile boolean closed;

    public MemoryKvEngine() {
        for (ColumnFamily cf : ColumnFamily.values()) {
            families.put(cf, new ConcurrentSkipListMap<>(Arrays::compareUnsigned));
        }
    }

    private ConcurrentSkipListMap<byte[], byte[]> map(ColumnFamily cf) {
        if (closed) {
            throw new EngineException("engine is closed", null);
        }
        return families.get(cf);
    }

    @Override
    public byte[] get(ColumnFamily cf, byte[] key) {
        ConcurrentSkipListMap<byte[], byte[]> m = map(cf);
        rw.readLock().lock();
        try {
            byte[] v = m.get(key);
            return v == null ? null : v.clone();
        } finally {
            rw.readLock().unlock();
        }
    }

    @Override
    public EngineIterator iterator(ColumnFamily cf, byte[] lower, byte[] upper) {
        return new MemoryIterator(map(cf), lower == null ? null : lower.clone(), upper == null ? null : upper.clone());
    }

    @Override
    public void write(WriteBatch batch, boolean sync) {
        if (closed) {
            throw new EngineException("engine is closed", null);
        }
        rw.writeLock().lock();
        try {
            for (WriteBatch.Op op : batch.ops()) {
                ConcurrentSkipListMap<byte[], byte[]> m = families.get(op.cf());
                if (op.isRangeDelete()) {
                    m.subMap(op.key(), op.end()).clear();
                } else if (op.isDelete()) {
                    m.remove(op.key());
                } else {
                    m.put(op.key(), op.value());
                }
            }
        } finally {
            rw.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private final class MemoryIterator implements EngineIterator {
        private final ConcurrentSkipListMap<byte[], byte[]> map;
        private final byte[] lower;
        private final byte[] upper;
        private Map.Entry<byte[], byte[]> current;

        MemoryIterator(ConcurrentSkipListMap<byte[], byte[]> map, byte[] lower, byte[] upper) {
            this.map = map;
            this.lower = lower;
            this.upper = upper;
        }

        private Map.Entry<byte[], byte[]> bounded(Map.Entry<byte[], byte[]> e) {
            if (e == null) {
                return null;
            }
            if (lower != null && Arrays.compareUnsigned(e.getKey(), lower) < 0) {
                return null;
            }
            if (upper != null && Arrays.compareUnsigned(e.getKey(), upper) >= 0) {
                return null;
            }
            return e;
        }

        private void step(Supplier<Map.Entry<byte[], byte[]>> move) {
            rw.readLock().lock();
            try {
                current = bounded(move.get());
            } finally {
                rw.readLock().unlock();
            }
        }

        @Override
        public void seek(byte[] target) {
            byte[] t = lower != null && Arrays.compareUnsigned(target, lower) < 0 ? lower : target;
            step(() -> map.ceilingEntry(t));
        }

        @Override
        public void seekForPrev(byte[] target) {
            if (upper != null && Arrays.compareUnsigned(target, upper) >= 0) {
                step(() -> map.lowerEntry(upper));
            } else {
                step(() -> map.floorEntry(target));
            }
        }

        @Override
        public void seekToFirst() {
            step(() -> lower == null ? map.firstEntry() : map.ceilingEntry(lower));
        }

        @Override
        public void seekToLast() {
            step(() -> upper == null ? map.lastEntry() : map.lowerEntry(upper));
        }

        @Override
        public boolean valid() {
            return current != null;
        }

        @Override
        public void next() {
            byte[] k = checkedKey();
            step(() -> map.higherEntry(k));
        }

        @Override
        public void prev() {
            byte[] k = checkedKey();
            step(() -> map.lowerEntry(k));
        }

        private byte[] checkedKey() {
            if (current == null) {
                throw new IllegalStateException("iterator is not valid");
            }
            return current.getKey();
        }

        @Override
        public byte[] key() {
            return checkedKey().clone();
        }

        @Override
        public byte[] value() {
            checkedKey();
            return current.getValue().clone();
        }

        @Override
        public void close() {
            current = null;
        }
    }
}
