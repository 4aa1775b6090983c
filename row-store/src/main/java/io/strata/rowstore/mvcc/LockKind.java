package io.strata.rowstore.mvcc;

/**
 * What a lock stands for. PUT and DELETE carry a pending mutation; LOCK is a prewritten key that is
 * only locked (committed as a LOCK write record); PESSIMISTIC is taken by {@code lockKeys} before
 * prewrite and is upgraded by the prewrite of the same transaction. Readers are blocked only by
 * PUT and DELETE locks: LOCK and PESSIMISTIC locks never change a value.
 */
public enum LockKind {
    PUT(1), DELETE(2), LOCK(3), PESSIMISTIC(4);

    private final byte code;

    LockKind(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    public boolean blocksReads() {
        return this == PUT || this == DELETE;
    }

    public static LockKind fromCode(byte code) {
        for (LockKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown lock kind " + code);
    }
}
