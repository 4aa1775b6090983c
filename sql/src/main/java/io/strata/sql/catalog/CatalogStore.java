package io.strata.sql.catalog;

import io.strata.optimizer.catalog.TableDef;
import io.strata.spi.ErrorCode;
import io.strata.spi.Key;
import io.strata.spi.StrataException;
import io.strata.spi.codec.TableCodec;
import io.strata.spi.kv.KvIterator;
import io.strata.spi.kv.KvPair;
import io.strata.spi.kv.Transaction;
import io.strata.spi.kv.TxnKv;
import io.strata.spi.kv.TxnOptions;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The catalog persisted in the key space. Every database and table is one JSON document under a
 * meta key ({@code m"db/<name>"}, {@code m"table/<id>"}); {@code m"schema_version"} is bumped in
 * the same transaction by every DDL. Because that key is written by every DDL, two concurrent DDLs
 * conflict on it and one of them retries: DDL is serialized by the store's own conflict detection.
 *
 * <p>Sessions ask for {@link #current(Transaction)} once per statement: one point read of the
 * version key at the statement's read timestamp; only when it differs from the cached snapshot's
 * version is the catalog reloaded (a scan of the meta keys, consistent with that version because
 * it runs in the same transaction).
 */
public final class CatalogStore implements AutoCloseable {
    static final Key VERSION_KEY = TableCodec.metaKey("schema_version");
    /** All meta keys (catalog objects, statistics, delete-range jobs): [META_START, META_END). */
    static final Key META_START = Key.of(new byte[]{'m'});
    static final Key META_END = Key.of(new byte[]{'n'});
    private static final String DB_PREFIX = "db/";
    private static final String TABLE_PREFIX = "table/";
    private static final int DDL_ATTEMPTS = 10;
    public static final String DEFAULT_DATABASE = "test";

    private final TxnKv kv;
    private final MetaCodec codec = new MetaCodec();
    private volatile Catalog cached = new Catalog(-1, List.of(), List.of());
    private final TableStatsStore stats;
    private final RangeDestroyer destroyer;

    /** How often the background delete-range worker looks for ranges it may destroy. */
    static final long DELETE_RANGE_POLL_MILLIS = 1000;

    public CatalogStore(TxnKv kv) {
        this.kv = requireNonNull(kv, "kv is null");
        this.stats = new TableStatsStore(kv);
        this.destroyer = new RangeDestroyer(kv, DELETE_RANGE_POLL_MILLIS);
    }

    /** The background worker that frees the storage of dropped tables and indexes. */
    public RangeDestroyer destroyer() {
        return destroyer;
    }

    /** Stops the delete-range worker (pending ranges stay recorded and are destroyed after a restart). */
    @Override
    public void close() {
        destroyer.close();
    }

    /** Row-count statistics of the tables (ANALYZE TABLE), read by the planner's cost model. */
    public TableStatsStore stats() {
        return stats;
    }

    /** Creates the schema version and the {@code test} database on a fresh store; a no-op later. */
    public void bootstrap() {
        for (int attempt = 0; ; attempt++) {
            try (Transaction txn = kv.begin(TxnOptions.DEFAULT)) {
                if (txn.get(VERSION_KEY) == null) {
                    txn.put(TableCodec.metaKey(DB_PREFIX + DEFAULT_DATABASE), codec.encodeDatabase(DatabaseDef.of(DEFAULT_DATABASE)));
                    txn.put(VERSION_KEY, IdAllocator.encode(1));
                    txn.commit();
                }
                return;
            } catch (StrataException e) {
                if (e.code() != ErrorCode.WRITE_CONFLICT || attempt >= DDL_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The catalog as of the transaction's read timestamp (reloaded only when the version moved). */
    public Catalog current(Transaction txn) {
        byte[] v = txn.get(VERSION_KEY);
        long version = v == null ? 0 : IdAllocator.decode(v);
        Catalog c = cached;
        if (c.version() == version) {
            return c;
        }
        Catalog loaded = load(txn, version);
        synchronized (this) {
            if (loaded.version() > cached.version()) {
                cached = loaded;
            }
        }
        return loaded;
    }

    /** The newest snapshot this node has seen, without a storage read. */
    public Catalog cached() {
        return cached;
    }

    private Catalog load(Transaction txn, long version) {
        List<DatabaseDef> dbs = new ArrayList<>();
        List<TableDef> tables = new ArrayList<>();
        try (KvIterator it = txn.scan(META_START, META_END)) {
            while (it.hasNext()) {
                KvPair p = it.next();
                String name = TableCodec.decodeMetaKey(p.key());
                if (name.startsWith(DB_PREFIX)) {
                    dbs.add(codec.decodeDatabase(p.value()));
                } else if (name.startsWith(TABLE_PREFIX)) {
                    tables.add(codec.decodeTable(p.value()));
                }
            }
        }
        return new Catalog(version, dbs, tables);
    }

    /** A change to the catalog made inside a DDL transaction. */
    public interface DdlAction<T> {
        /**
         * @param txn     the DDL's own transaction; data changes (index backfill, rewritten rows) go
         *                into it too, so they commit atomically with the schema change
         * @param catalog the catalog as of that transaction
         * @param writer  writes catalog objects
         */
        T apply(Transaction txn, Catalog catalog, Writer writer);
    }

    /** Writes catalog objects into the DDL transaction. */
    public final class Writer {
        private final Transaction txn;
        private boolean destroys;

        private Writer(Transaction txn) {
            this.txn = txn;
        }

        public void putDatabase(DatabaseDef db) {
            txn.put(TableCodec.metaKey(DB_PREFIX + TableDef.normalize(db.name())), codec.encodeDatabase(db));
        }

        public void deleteDatabase(String name) {
            txn.delete(TableCodec.metaKey(DB_PREFIX + TableDef.normalize(name)));
        }

        public void putTable(TableDef table) {
            txn.put(TableCodec.metaKey(TABLE_PREFIX + table.id()), codec.encodeTable(table));
        }

        public void deleteTable(long tableId) {
            txn.delete(TableCodec.metaKey(TABLE_PREFIX + tableId));
            txn.delete(TableStatsStore.key(tableId));
        }

        /**
         * Frees every key under {@code prefix} (a dropped table's rows and index entries, a dropped
         * index) in the background once the DDL has committed and no older snapshot can read them.
         */
        public void destroyRange(Key prefix) {
            RangeDestroyer.schedule(txn, prefix, prefix.prefixNext());
            destroys = true;
        }
    }

    /**
     * Runs a DDL in a transaction of its own: loads the catalog, applies the action, bumps the
     * schema version and commits; an action that wrote nothing commits nothing and leaves the
     * version as it was. Retried from scratch on a write conflict (another DDL won).
     */
    public <T> T runDdl(DdlAction<T> action) {
        for (int attempt = 0; ; attempt++) {
            Transaction txn = kv.begin(TxnOptions.DEFAULT);
            try {
                byte[] v = txn.get(VERSION_KEY);
                long version = v == null ? 0 : IdAllocator.decode(v);
                Catalog catalog = load(txn, version);
                Writer writer = new Writer(txn);
                T result = action.apply(txn, catalog, writer);
                if (txn.isReadOnly()) {
                    // nothing changed (CREATE DATABASE IF NOT EXISTS of one that exists, DROP TABLE IF
                    // EXISTS of none): the schema version stays, and so do the plans cached under it
                    txn.rollback();
                    return result;
                }
                txn.put(VERSION_KEY, IdAllocator.encode(version + 1));
                txn.commit();
                if (writer.destroys) {
                    destroyer.wake();
                }
                return result;
            } catch (StrataException e) {
                txn.close();
                if (e.code() != ErrorCode.WRITE_CONFLICT || attempt >= DDL_ATTEMPTS) {
                    throw e;
                }
            } catch (RuntimeException e) {
                txn.close();
                throw e;
            }
        }
    }
}
