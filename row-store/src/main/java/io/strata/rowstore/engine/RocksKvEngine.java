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
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * {@link KvEngine} on RocksDB with one column family per {@link ColumnFamily}. The WAL is always on;
 * a write with {@code sync = true} fsyncs the WAL before returning, so a commit survives kill -9 and
 * power loss. Closing releases every native handle; gets and iterators after close fail.
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
    private final AtomicBoolean closed = new AtomicBoolean();

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

    private ColumnFamilyHandle handle(ColumnFamily cf) {
        if (closed.get()) {
            throw new IllegalStateException("engine is closed");
        }
        return handles.get(cf);
    }

    @Override
    public byte[] get(ColumnFamily cf, byte[] key) {
        try {
            return db.get(handle(cf), key);
        } catch (RocksDBException e) {
            throw new EngineException("get failed", e);
        }
    }

    @Override
    public EngineIterator iterator(ColumnFamily cf, byte[] lower, byte[] upper) {
        ColumnFamilyHandle h = handle(cf);
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
        try (org.rocksdb.WriteBatch wb = new org.rocksdb.WriteBatch()) {
            for (WriteBatch.Op op : batch.ops()) {
                ColumnFamilyHandle h = handle(op.cf());
                if (op.isDelete()) {
                    wb.delete(h, op.key());
                } else {
                    wb.put(h, op.key(), op.value());
                }
            }
            db.write(sync ? syncWrite : asyncWrite, wb);
        } catch (RocksDBException e) {
            throw new EngineException("write failed", e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (ColumnFamilyHandle h : allHandles) {
            h.close();
        }
        db.close();
        dbOptions.close();
        cfOptions.forEach(ColumnFamilyOptions::close);
        syncWrite.close();
        asyncWrite.close();
    }

    private static final class RocksEngineIterator implements EngineIterator {
        private final RocksIterator it;
        private final ReadOptions ro;
        private final Slice lo;
        private final Slice hi;

        RocksEngineIterator(RocksIterator it, ReadOptions ro, Slice lo, Slice hi) {
            this.it = it;
            this.ro = ro;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        public void seek(byte[] target) {
            it.seek(target);
        }

        @Override
        public void seekForPrev(byte[] target) {
            it.seekForPrev(target);
        }

        @Override
        public void seekToFirst() {
            it.seekToFirst();
        }

        @Override
        public void seekToLast() {
            it.seekToLast();
        }

        @Override
        public boolean valid() {
            return it.isValid();
        }

        @Override
        public void next() {
            it.next();
        }

        @Override
        public void prev() {
            it.prev();
        }

        @Override
        public byte[] key() {
            return it.key();
        }

        @Override
        public byte[] value() {
            return it.value();
        }

        @Override
        public void close() {
            it.close();
            ro.close();
            if (lo != null) {
                lo.close();
            }
            if (hi != null) {
                hi.close();
            }
        }
    }
}
