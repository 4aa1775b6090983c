package io.strata.rowstore.engine;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.LRUCache;
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
import java.util.concurrent.locks.StampedLock;

import static java.util.Objects.requireNonNull;

/**
 * {@link KvEngine} on RocksDB with one column family per {@link ColumnFamily}. The WAL is always on;
 * a write with {@code sync = true} fsyncs the WAL before returning, so a commit survives kill -9 and
 * power loss.
 *
 * <p>Lifecycle: using a RocksDB handle after it is closed crashes the JVM, so every native call
 * runs under the read side of a lifecycle lock and {@link #close()} takes the write side: it waits
 * for calls in flight, closes iterators still open, then the database. Calls after close fail with
 * {@link EngineException}. The lock is a {@link StampedLock}: a scan takes it several times per
 * row, and a {@code ReentrantReadWriteLock}'s read side also counts holds per thread in a
 * {@code ThreadLocal} (created and removed on every call), which cost a quarter of a range scan.
 *
 * <p>Iterators fetch {@code isValid} with every move and keep the current key until the next
 * move, so the MVCC scanner's repeated looks at one position cross JNI (and the lock) once.
 */
public final class RocksKvEngine implements KvEngine {
    static {
        RocksDB.loadLibrary();
    }

    private final RocksDB db;
    private final DBOptions dbOptions;
    private final List<ColumnFamilyOptions> cfOptions = new ArrayList<>();
    private final LRUCache blockCache;
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
    private final StampedLock lifecycle = new StampedLock();
    private final Set<RocksEngineIterator> openIterators = ConcurrentHashMap.newKeySet();
    private boolean closed; // guarded by lifecycle

    private RocksKvEngine(Path dir, long blockCacheBytes) throws RocksDBException {
        dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        // one block cache for all column families (uncompressed blocks; RocksDB's own default is
        // 32 MiB per family, which a table of millions of rows overflows at every random read)
        blockCache = new LRUCache(blockCacheBytes);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (ColumnFamily cf : ColumnFamily.values()) {
            ColumnFamilyOptions o = new ColumnFamilyOptions();
            BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockCache(blockCache);
            if (cf == ColumnFamily.WRITE || cf == ColumnFamily.DEFAULT) {
                // point lookups dominate OLTP: a bloom filter saves a data-block read per miss
                table.setFilterPolicy(new BloomFilter(10, false));
            }
            o.setTableFormatConfig(table);
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

    /** Opens (creating if missing) a RocksDB instance in {@code dir} with a block cache of {@code blockCacheBytes}. */
    public static RocksKvEngine open(Path dir, long blockCacheBytes) {
        requireNonNull(dir, "dir is null");
        if (blockCacheBytes <= 0) {
            throw new IllegalArgumentException("blockCacheBytes must be positive");
        }
        try {
            Files.createDirectories(dir);
            return new RocksKvEngine(dir, blockCacheBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        } catch (RocksDBException e) {
            throw new EngineException("cannot open RocksDB at " + dir, e);
        }
    }

    /** Takes the lifecycle read lock; the caller releases it with {@link #release(long)}. */
    private long acquire() {
        long stamp = lifecycle.readLock();
        if (closed) {
            lifecycle.unlockRead(stamp);
            throw new EngineException("engine is closed", null);
        }
        return stamp;
    }

    private void release(long stamp) {
        lifecycle.unlockRead(stamp);
    }

    private ColumnFamilyHandle handle(ColumnFamily cf) {
        return handles.get(cf);
    }

    @Override
    public byte[] get(ColumnFamily cf, byte[] key) {
        long stamp = acquire();
        try {
            return db.get(handle(cf), key);
        } catch (RocksDBException e) {
            throw new EngineException("get failed", e);
        } finally {
            release(stamp);
        }
    }

    @Override
    public EngineIterator iterator(ColumnFamily cf, byte[] lower, byte[] upper) {
        long stamp = acquire();
        try {
            RocksEngineIterator it = newIterator(handle(cf), lower, upper);
            openIterators.add(it);
            return it;
        } finally {
            release(stamp);
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
        long stamp = acquire();
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
            release(stamp);
        }
    }

    @Override
    public void close() {
        long stamp = lifecycle.writeLock();
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
            blockCache.close();
            syncWrite.close();
            asyncWrite.close();
            unboundedRead.close();
        } finally {
            lifecycle.unlockWrite(stamp);
        }
    }

    private final class RocksEngineIterator implements EngineIterator {
        private final RocksIterator it;
        /** The iterator's own read options (it has bounds), or null when it uses the shared ones. */
        private final ReadOptions ro;
        private final Slice lo;
        private final Slice hi;
        private boolean itClosed; // guarded by the lifecycle lock (read side suffices: one user thread)
        /** {@code isValid} at the current position, fetched by every move. */
        private boolean positionValid;
        /** The key at the current position once asked for, until the next move. */
        private byte[] currentKey;

        RocksEngineIterator(RocksIterator it, ReadOptions ro, Slice lo, Slice hi) {
            this.it = it;
            this.ro = ro;
            this.lo = lo;
            this.hi = hi;
        }

        private long enter() {
            long stamp = acquire();
            if (itClosed) {
                release(stamp);
                throw new EngineException("iterator is closed", null);
            }
            return stamp;
        }

        /** Runs one cursor move and records the new position's validity under the same lock. */
        private void move(Runnable op) {
            long stamp = enter();
            try {
                currentKey = null;
                op.run();
                positionValid = it.isValid();
            } finally {
                release(stamp);
            }
        }

        @Override
        public void seek(byte[] target) {
            move(() -> it.seek(target));
        }

        @Override
        public void seekForPrev(byte[] target) {
            move(() -> it.seekForPrev(target));
        }

        @Override
        public void seekToFirst() {
            move(it::seekToFirst);
        }

        @Override
        public void seekToLast() {
            move(it::seekToLast);
        }

        @Override
        public boolean valid() {
            long stamp = enter(); // still fails once the iterator or the engine is closed
            release(stamp);
            return positionValid;
        }

        @Override
        public void next() {
            move(it::next);
        }

        @Override
        public void prev() {
            move(it::prev);
        }

        @Override
        public byte[] key() {
            if (currentKey != null) {
                return currentKey;
            }
            long stamp = enter();
            try {
                currentKey = it.key();
                return currentKey;
            } finally {
                release(stamp);
            }
        }

        @Override
        public byte[] value() {
            long stamp = enter();
            try {
                return it.value();
            } finally {
                release(stamp);
            }
        }

        @Override
        public void close() {
            long stamp = lifecycle.readLock();
            try {
                if (!closed && openIterators.remove(this)) {
                    closeNative();
                }
            } finally {
                lifecycle.unlockRead(stamp);
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
