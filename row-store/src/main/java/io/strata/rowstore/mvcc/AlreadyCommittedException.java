package io.strata.rowstore.mvcc;

import java.util.HexFormat;

/** A rollback (or late prewrite) of a transaction that has already committed. */
public final class AlreadyCommittedException extends MvccException {
    private final long commitTs;

    public AlreadyCommittedException(byte[] key, long startTs, long commitTs) {
        super("txn " + startTs + " already committed at " + commitTs + " on key " + HexFormat.of().formatHex(key));
        this.commitTs = commitTs;
    }

    public long commitTs() {
        return commitTs;
    }
}
