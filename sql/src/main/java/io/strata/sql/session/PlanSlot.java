package io.strata.sql.session;

/**
 * A memo owned by one prepared statement: statement executors keep what they derived from the
 * statement's AST and a catalog snapshot (e.g. a point read's table, key column and output
 * columns) and reuse it on the next execution, after checking it still matches the catalog and
 * database of that execution. The session creates one per prepared statement and drops it with
 * the statement; only the session's thread touches it, so it needs no locking.
 */
public final class PlanSlot {
    private Object plan;

    /** The memo stored last, or null. */
    public Object get() {
        return plan;
    }

    public void set(Object plan) {
        this.plan = plan;
    }
}
