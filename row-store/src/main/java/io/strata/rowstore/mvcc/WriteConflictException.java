package io.strata.rowstore.mvcc;

import java.util.HexFormat;

/** Another transaction committed {@code key} at {@code conflictCommitTs}, after our snapshot. */
public final class WriteConflictException extends MvccException {
    private final byte[] key;
    private final long startTs;
    private final long conflictStartTs;
    private final long conflictCommitTs;

    public WriteConflictException(byte[] key, long startTs, long conflictStartTs, long conflictCommitTs) {
        super("write conflict on key " + HexFormat.of().formatHex(key) + ": txn " + startTs
                + " meets txn " + conflictStartTs + " committed at " + conflictCommitTs);
        this.key = key.clone();
        this.startTs = startTs;
        this.conflictStartTs = conflictStartTs;
        this.conflictCommitTs = conflictCommitTs;
    }

    public byte[] key() {
        return key.clone();
    }

    public long startTs() {
        return startTs;
    }

    public long conflictStartTs() {
        return conflictStartTs;
    }

    public long conflictCommitTs() {
        return conflictCommitTs;
    }
}
