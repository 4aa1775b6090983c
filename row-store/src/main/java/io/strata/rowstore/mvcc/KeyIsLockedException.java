package io.strata.rowstore.mvcc;

import java.util.HexFormat;

import static java.util.Objects.requireNonNull;

/** An operation met another transaction's lock on {@code key} (a user key). */
public final class KeyIsLockedException extends MvccException {
    private final byte[] key;
    private final Lock lock;

    public KeyIsLockedException(byte[] key, Lock lock) {
        super("key " + HexFormat.of().formatHex(key) + " is locked by txn " + lock.startTs());
        this.key = requireNonNull(key, "key is null");
        this.lock = requireNonNull(lock, "lock is null");
    }

    public byte[] key() {
        return key.clone();
    }

    public Lock lock() {
        return lock;
    }
}
