package io.strata.rowstore.mvcc;

import io.strata.rowstore.engine.ColumnFamily;
import io.strata.rowstore.engine.EngineIterator;
import io.strata.rowstore.engine.KvEngine;
import io.strata.spi.Key;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Snapshot reads over the Percolator layout of one engine: a value is visible at {@code readTs}
 * when its newest PUT/DELETE record with {@code commit_ts <= readTs} is a PUT. ROLLBACK and LOCK
 * records are skipped; a DELETE reads as absent.
 *
 * <p>Locks: a PUT/DELETE lock of a transaction with {@code start_ts <= readTs} might commit below
 * readTs, so the read cannot decide and fails with {@link KeyIsLockedException}; the caller resolves
 * the lock and retries. The lock is checked before the write CF: a transaction whose lock is absent
 * at that moment either committed already (its record is then visible) or will commit above readTs,
 * because it takes its commit timestamp only after its prewrite, which is after our read timestamp.
 */
public final class MvccReader {
    private final KvEngine engine;

    public MvccReader(KvEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    public KvEngine engine() {
        return engine;
    }

    /** The lock on an encoded key, or null. */
    public Lock loadLock(byte[] encodedKey) {
        byte[] v = engine.get(ColumnFamily.LOCK, encodedKey);
        return v == null ? null : Lock.decode(v);
    }

    /**
     * Point read of a user key at {@code readTs}; {@code ownStartTs} is the reading transaction's
     * start timestamp, whose own locks never block it (0 for none).
     */
    public byte[] get(byte[] userKey, long readTs, long ownStartTs) {
        byte[] enc = MvccKeys.encode(userKey);
        checkLock(userKey, enc, readTs, ownStartTs);
        return readCommitted(enc, readTs);
    }

    void checkLock(byte[] userKey, byte[] enc, long readTs, long ownStartTs) {
        Lock lock = loadLock(enc);
        if (lock != null && blocks(lock, readTs, ownStartTs)) {
            throw new KeyIsLockedException(userKey, lock);
        }
    }

    static boolean blocks(Lock lock, long readTs, long ownStartTs) {
        return lock.kind().blocksReads() && lock.startTs() <= readTs && lock.startTs() != ownStartTs;
    }

    /** The committed value at readTs ignoring locks: newest data version at or below readTs. */
    public byte[] readCommitted(byte[] enc, long readTs) {
        try (EngineIterator it = engine.iterator(ColumnFamily.WRITE, null, null)) {
            it.seek(MvccKeys.withTs(enc, readTs));
            while (it.valid()) {
                byte[] k = it.key();
                if (!MvccKeys.isVersionOf(k, enc)) {
                    return null;
                }
                Write w = Write.decode(it.value());
                switch (w.kind()) {
                    case PUT:
                        return valueOf(enc, w);
                    case DELETE:
                        return null;
                    default:
                        it.next(); // ROLLBACK and LOCK records do not change the value
                }
            }
            return null;
        }
    }

    byte[] valueOf(byte[] enc, Write w) {
        if (w.shortValue() != null) {
            return w.shortValue().clone();
        }
        byte[] v = engine.get(ColumnFamily.DEFAULT, MvccKeys.withTs(enc, w.startTs()));
        if (v == null) {
            throw new IllegalStateException("missing default value of committed txn " + w.startTs());
        }
        return v;
    }

    /** All commit records of an encoded key with {@code commit_ts >= minCommitTs}, newest first. */
    public List<VersionedWrite> writesSince(byte[] enc, long minCommitTs) {
        List<VersionedWrite> out = new ArrayList<>(2);
        byte[] upper = MvccKeys.withTs(enc, minCommitTs);
        upper = Arrays.copyOf(upper, upper.length + 1); // exclusive bound just past commit_ts == min
        try (EngineIterator it = engine.iterator(ColumnFamily.WRITE, null, upper)) {
            it.seek(MvccKeys.withTs(enc, Long.MAX_VALUE));
            while (it.valid()) {
                byte[] k = it.key();
                if (!MvccKeys.isVersionOf(k, enc)) {
                    break;
                }
                out.add(new VersionedWrite(MvccKeys.tsOf(k), Write.decode(it.value())));
                it.next();
            }
        }
        return out;
    }

    /** The newest commit record of an encoded key of any kind, or null. */
    public VersionedWrite newestWrite(byte[] enc) {
        try (EngineIterator it = engine.iterator(ColumnFamily.WRITE, null, null)) {
            it.seek(MvccKeys.withTs(enc, Long.MAX_VALUE));
            if (it.valid() && MvccKeys.isVersionOf(it.key(), enc)) {
                return new VersionedWrite(MvccKeys.tsOf(it.key()), Write.decode(it.value()));
            }
            return null;
        }
    }

    /**
     * Ordered scan of user keys {@code [start, end)} at readTs (empty end = unbounded). Blocking
     * locks in the range are detected up front, before any row is returned.
     */
    public MvccScanner scan(Key start, Key end, long readTs, long ownStartTs, boolean reverse) {
        byte[] lo = MvccKeys.encode(start.toByteArray());
        byte[] hi = end.isEmpty() ? null : MvccKeys.encode(end.toByteArray());
        try (EngineIterator locks = engine.iterator(ColumnFamily.LOCK, lo, hi)) {
            for (locks.seekToFirst(); locks.valid(); locks.next()) {
                Lock lock = Lock.decode(locks.value());
                if (blocks(lock, readTs, ownStartTs)) {
                    throw new KeyIsLockedException(MvccKeys.decode(locks.key()), lock);
                }
            }
        }
        EngineIterator writes = engine.iterator(ColumnFamily.WRITE, lo, hi);
        try {
            return new MvccScanner(this, writes, readTs, reverse);
        } catch (RuntimeException e) {
            writes.close();
            throw e;
        }
    }
}
