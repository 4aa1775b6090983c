package io.strata.rowstore.txn;

import io.strata.rowstore.command.Mutation;
import io.strata.rowstore.command.RegionCommand;
import io.strata.spi.Key;
import io.strata.spi.TimestampOracle;
import io.strata.spi.kv.KvIterator;

import java.util.List;

/**
 * What the transaction client needs from storage: snapshot reads, the execution of region commands,
 * and a way to wait for a lock to go away. {@code LocalStore} implements it in-process with one
 * region; a distributed implementation routes each key to its region leader, splits commands by
 * region and retries region errors, without the transaction code above changing.
 *
 * <p>Reads and commands report Percolator conditions as {@code MvccException}s (key is locked,
 * write conflict, lock not found); the transaction client handles them.
 */
public interface KvBackend {
    TimestampOracle tso();

    /** The value at readTs, or null; throws {@code KeyIsLockedException} for a lock that may commit below readTs. */
    byte[] get(byte[] key, long readTs, long ownStartTs);

    /** Snapshot scan of {@code [start, end)} (empty end = unbounded) at readTs; locks in range fail it up front. */
    KvIterator scan(Key start, Key end, long readTs, long ownStartTs, boolean reverse);

    /**
     * Commits transaction {@code startTs} in one step when this backend can (every key in one
     * region): picks the commit timestamp, applies a {@code OnePhaseCommit} and returns the
     * timestamp once it is durable, keeping reads that may need the records waiting until then.
     * Returns 0 when the transaction must take two-phase commit instead. Fails like a prewrite
     * ({@code KeyIsLockedException}, {@code WriteConflictException}), and then wrote nothing.
     */
    long commitOnePhase(List<Mutation> mutations, long startTs, long forUpdateTs);

    /** Proposes the command and waits until it is applied; returns its result or throws its error. */
    Object execute(RegionCommand command);

    /**
     * Waits until the lock of {@code lockStartTs} on the key is released or the timeout elapses.
     * Returns at once when that lock is already gone. True when released, false on timeout.
     */
    boolean awaitLockRelease(byte[] key, long lockStartTs, long timeoutNanos) throws InterruptedException;
}
