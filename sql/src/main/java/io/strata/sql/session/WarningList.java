package io.strata.sql.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The diagnostics of the last statement. As in MySQL, at most {@code max_error_count} of them are
 * kept for SHOW WARNINGS, but all are counted ({@code warning_count}, the OK packet), so a LOAD DATA
 * that warns on every one of a million rows holds a bounded list.
 */
public final class WarningList {
    private final int limit;
    private final List<Warning> kept;
    private long count;
    private long errors;

    public WarningList(int limit) {
        this(Math.max(0, limit), new ArrayList<>(), 0, 0);
    }

    private WarningList(int limit, List<Warning> kept, long count, long errors) {
        this.limit = limit;
        this.kept = kept;
        this.count = count;
        this.errors = errors;
    }

    public void add(Warning w) {
        requireNonNull(w, "w is null");
        count++;
        if (w.level().equals("Error")) {
            errors++;
        }
        if (kept.size() < limit) {
            kept.add(w);
        }
    }

    /** Every diagnostic raised, kept or not. */
    public long count() {
        return count;
    }

    public long errorCount() {
        return errors;
    }

    /** The kept diagnostics, in order (read-only). */
    public List<Warning> list() {
        return Collections.unmodifiableList(kept);
    }

    /** An independent copy (a statement savepoint's view). */
    public WarningList copy() {
        return new WarningList(limit, new ArrayList<>(kept), count, errors);
    }
}
