package io.strata.rowstore.engine;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static java.util.Objects.requireNonNull;

/**
 * {@link KvEngine} on RocksDB with one column family per {@link ColumnFamily}. The WAL is always on;
 * a write with {@code sync = true} fsyncs the WAL before returning, so a commit survives kill -9 and
 * power loss.
 *
 * <p>Lifecycle: using a RocksDB handle after it is closed crashes the JVM, so every native call
 * runs under the read side of a lifecycle lock and {@link #close()} takes the write side: it waits
 * for calls in flight, closes iterators still open, then the database. Calls after close fail with
 * {@link EngineException}.
 */
public final class RocksKvEngine implements KvEngine {
    static {
        RocksDB.loadLibrary();
    }

    private final RocksDB db;
    private final DBOptions dbOptions;
    private final List<ColumnFamilyOptions> cfOptions = new ArrayList<>();
    private final Map<ColumnFamily, ColumnFamilyHandle> handles = new EnumMap<>(ColumnFamily.class);
    private final List<ColumnFamilyHandle> allHandles = new ArrayList<>();
    private final WriteOptions syncWrite;
    private final WriteOptions asyncWrite;
    /**
     * Read options of every unbounded iterator (point reads of the MVCC layer create one per read).
     * Never modified after construction, so iterators share it instead of each allocating and
     * freeing a native ReadOptions; closed with the engine.
     */
    private final ReadOptions unboundedRead;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Set<RocksEngineIterator> openIterators = ConcurrentHashMap.newKeySet();
    private boolean closed; // guarded by lifecycle

    private RocksKvEngine(Path dir) throws RocksDBException {
        dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (ColumnFamily cf : ColumnFamily.values()) {
            ColumnFamilyOptions o = new ColumnFamilyOptions();
            if (cf == ColumnFamily.WRITE || cf == ColumnFamily.DEFAULT) {
                // point lookups dominate OLTP: a bloom filter saves a data-block read per miss
                o.setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(new BloomFilter(10, false)));
            }
            cfOptions.add(o);
            byte[] name = cf == ColumnFamily.DEFAULT ? RocksDB.DEFAULT_COLUMN_FAMILY
                    : cf.cfName().getBytes(StandardCharsets.UTF_8);
            descriptors.add(new ColumnFamilyDescriptor(name, o));
        }
        db = RocksDB.open(dbOptions, dir.toString(), descriptors, allHandles);
        ColumnFamily[] cfs = ColumnFamily.values();
        for (int i = 0; i < cfs.length; i++) {
            handles.put(cfs[i], allHandles.get(i));
        }
        syncWrite = new WriteOptions().setSync(true);
        asyncWrite = new WriteOptions().setSync(false);
        unboundedRead = new ReadOptions();
    }

    /** Opens (creating if missing) a RocksDB instance in {@code dir}. */
    public static RocksKvEngine open(Path dir) {
        requireNonNull(dir, "dir is null");
        try {
            Files.createDirectories(dir);
            return new RocksKvEngine(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        } catch (RocksDBException e) {
            throw new EngineException("cannot open RocksDB at " + dir, e);
        }
    }

    /** Takes the lifecycle read lock; the caller releases it with {@link #release()}. */
    private void acquire() {
        lifecycle.readLock().lock();
        if (closed) {
            lifecycle.readLock().unlock();
            throw new EngineException("engine is closed", null);
        }
    }

    private void release() {
        lifecycle.readLock().unlock();
    }

    private ColumnFamilyHandle handle(ColumnFamily cf) {
        return handles.get(cf);
    }

    @Override
    public byte[] get(ColumnFamily cf, byte[] key) {
        acquire();
        try {
            return db.get(handle(cf), key);
        } catch (RocksDBException e) {
            throw new EngineException("get failed", e);
        } finally {
            release();
        }
    }

    @Override
    public EngineIterator iterator(ColumnFamily cf, byte[] lower, byte[] upper) {
        acquire();
        try {
            RocksEngineIterator it = newIterator(handle(cf), lower, upper);
            openIterators.add(it);
            return it;
        } finally {
            release();
        }
    }

    private RocksEngineIterator newIterator(ColumnFamilyHandle h, byte[] lower, byte[] upper) {
        if (lower == null && upper == null) {
            return new RocksEngineIterator(db.newIterator(h, unboundedRead), null, null, null);
        }
        ReadOptions ro = new ReadOptions();
        Slice lo = null;
        Slice hi = null;
        if (lower != null) {
            lo = new Slice(lower);
            ro.setIterateLowerBound(lo);
        }
        if (upper != null) {
            hi = new Slice(upper);
            ro.setIterateUpperBound(hi);
        }
        return new RocksEngineIterator(db.newIterator(h, ro), ro, lo, hi);
    }

    @Override
    public void write(WriteBatch batch, boolean sync) {
        if (batch.isEmpty()) {
            return;
        }
        acquire();
        try (org.rocksdb.WriteBatch wb = new org.rocksdb.WriteBatch()) {
            for (WriteBatch.Op op : batch.ops()) {
                ColumnFamilyHandle h = handle(op.cf());
                if (op.isRangeDelete()) {
                    wb.deleteRange(h, op.key(), op.end());
                } else if (op.isDelete()) {
                    wb.delete(h, op.key());
                } else {
                    wb.put(h, op.key(), op.value());
                }
            }
            db.write(sync ? syncWrite : asyncWrite, wb);
        } catch (RocksDBException e) {
            throw new EngineException("write failed", e);
        } finally {
            release();
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (RocksEngineIterator it : openIterators) {
                it.closeNative();
            }
            openIterators.clear();
            for (ColumnFamilyHandle h : allHandles) {
                h.close();
            }
            db.close();
            dbOptions.close();
            cfOptions.forEach(ColumnFamilyOptions::close);
            syncWrite.close();
            asyncWrite.close();
            unboundedRead.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private final class RocksEngineIterator implements EngineIterator {
        private final RocksIterator it;
        /** The iterator's own read options (it has bounds), or null when it uses the shared ones. */
        private final ReadOptions ro;
        private final Slice lo;
        private final Slice hi;
        private boolean itClosed; // guarded by the lifecycle lock (read side suffices: one user thread)

        RocksEngineIterator(RocksIterator it, ReadOptions ro, Slice lo, Slice hi) {
            this.it = it;
            this.ro = ro;
            this.lo = lo;
            this.hi = hi;
        }

        private void enter() {
            acquire();
            if (itClosed) {
                release();
                throw new EngineException("iterator is closed", null);
            }
        }

        @Override
        public void seek(byte[] target) {
            enter();
            try {
                it.seek(target);
            } finally {
                release();
            }
        }

        @Override
        public void seekForPrev(byte[] target) {
            enter();
            try {
                it.seekForPrev(target);
            } finally {
                release();
            }
        }

        @Override
        public void seekToFirst() {
            enter();
            try {
                it.seekToFirst();
            } finally {
                release();
            }
        }

        @Override
        public void seekToLast() {
            enter();
            try {
                it.seekToLast();
            } finally {
                release();
            }
        }

        @Override
        public boolean valid() {
            enter();
            try {
                return it.isValid();
            } finally {
                release();
            }
        }

        @Override
        public void next() {
            enter();
            try {
                it.next();
            } finally {
                release();
            }
        }

        @Override
        public void prev() {
            enter();
            try {
                it.prev();
            } finally {
                release();
            }
        }

        @Override
        public byte[] key() {
            enter();
            try {
                return it.key();
            } finally {
                release();
            }
        }

        @Override
        public byte[] value() {
            enter();
            try {
                return it.value();
            } finally {
                release();
            }
        }

        @Override
        public void close() {
            lifecycle.readLock().lock();
            try {
                if (!closed && openIterators.remove(this)) {
                    closeNative();
                }
            } finally {
                lifecycle.readLock().unlock();
            }
        }

        /** Frees the native objects; called once, by close() or by the engine's close. */
        void closeNative() {
            if (itClosed) {
                return;
            }
            itClosed = true;
            it.close();
            if (ro != null) {
                ro.close();
            }
            if (lo != null) {
                lo.close();
            }
            if (hi != null) {
                hi.close();
            }
        }
    }
}
