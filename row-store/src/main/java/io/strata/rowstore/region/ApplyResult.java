package io.strata.rowstore.region;

import io.strata.spi.Key;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What applying one group of commands produced.
 *
 * @param outcomes     per command, in order: its result (a {@code TxnStatus} for cleanup, else null)
 *                     or the {@code RuntimeException} (usually an {@code MvccException}) that failed it
 * @param releasedLocks encoded lock-CF keys whose lock was removed by this group (even if another
 *                     command of the group took the key again), for waking the transactions waiting
 *                     on them: a woken waiter looks again and waits for the new holder if there is one
 */
public record ApplyResult(List<Object> outcomes, List<Key> releasedLocks) {
    public ApplyResult {
        outcomes = Collections.unmodifiableList(new ArrayList<>(outcomes));
        releasedLocks = List.copyOf(releasedLocks);
    }
}
