package io.strata.rowstore.mvcc;

/**
 * The fate of a transaction as read from its primary key.
 *
 * @param state      LOCKED (alive: primary lock present and not expired), COMMITTED or ROLLED_BACK
 * @param commitTs   the commit timestamp when COMMITTED, else 0
 * @param lock       the primary lock when LOCKED, else null
 */
public record TxnStatus(State state, long commitTs, Lock lock) {
    public enum State { LOCKED, COMMITTED, ROLLED_BACK }

    public static TxnStatus locked(Lock lock) {
        return new TxnStatus(State.LOCKED, 0, lock);
    }

    public static TxnStatus committed(long commitTs) {
        return new TxnStatus(State.COMMITTED, commitTs, null);
    }

    public static TxnStatus rolledBack() {
        return new TxnStatus(State.ROLLED_BACK, 0, null);
    }
}
