package io.strata.rowstore.mvcc;

import java.util.HexFormat;

/**
 * Commit found neither our lock nor our commit record: the transaction was rolled back (for
 * instance by a reader after its TTL expired) and can no longer commit.
 */
public final class TxnLockNotFoundException extends MvccException {
    public TxnLockNotFoundException(byte[] key, long startTs) {
        super("lock of txn " + startTs + " not found on key " + HexFormat.of().formatHex(key));
    }
}
