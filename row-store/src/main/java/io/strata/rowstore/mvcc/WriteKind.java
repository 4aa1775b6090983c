package io.strata.rowstore.mvcc;

/**
 * Kind of a commit record in the write CF. PUT and DELETE are versions of the value; LOCK marks a
 * committed lock-only key (it changes nothing but still counts as a conflict); ROLLBACK is written at
 * {@code commit_ts = start_ts} so a prewrite of that transaction arriving late is refused.
 */
public enum WriteKind {
    PUT(1), DELETE(2), LOCK(3), ROLLBACK(4);

    private final byte code;

    WriteKind(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** PUT or DELETE: a record that decides the value at its commit timestamp. */
    public boolean isDataVersion() {
        return this == PUT || this == DELETE;
    }

    public static WriteKind fromCode(byte code) {
        for (WriteKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown write kind " + code);
    }

    public static WriteKind of(LockKind kind) {
        return switch (kind) {
            case PUT -> PUT;
            case DELETE -> DELETE;
            case LOCK, PESSIMISTIC -> LOCK;
        };
    }
}
