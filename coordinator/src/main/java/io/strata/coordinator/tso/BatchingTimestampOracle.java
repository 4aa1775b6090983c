package io.strata.coordinator.tso;

import io.strata.spi.Timestamp;
import io.strata.spi.TimestampOracle;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * A TSO client that coalesces concurrent {@link #next()} calls into one
 * {@link TimestampAllocator#allocate(int)} of as many timestamps, as PD clients do: while one
 * allocation is in flight, new callers gather into the next batch; when it returns, the first
 * caller of that batch makes the next allocation for all of them (no dispatcher thread: callers
 * lead in turn), and each caller takes its own timestamp of the range.
 *
 * <p>What it guarantees, given an allocator whose ranges increase:
 * <ul>
 *   <li>no timestamp is handed out twice: each caller owns one slot of one allocated range, and
 *       the allocator never allocates a value twice, across restarts too (this client keeps
 *       nothing between calls);</li>
 *   <li>real-time order: a call that starts after another call returned gets a greater timestamp.
 *       A batch is allocated only after all its callers joined it, and never from a range
 *       allocated earlier (there is no prefetching), so a later call's range comes from a later
 *       allocation. In particular timestamps increase within each thread.</li>
 * </ul>
 * An allocation that fails fails every call of its batch; the next batch tries again.
 */
public final class BatchingTimestampOracle implements TimestampOracle {
    private final TimestampAllocator allocator;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Callers waiting for the next allocation; null when there are none. Guarded by lock. */
    private Batch collecting;
    /** Whether an allocation is in flight. Guarded by lock. */
    private boolean allocating;

    /** Callers served by one allocation. Fields guarded by lock. */
    private static final class Batch {
        int size;
        /** Set when the previous allocation finished: the caller in slot 0 allocates for this batch. */
        boolean lead;
        boolean done;
        long first;
        RuntimeException failure;
    }

    public BatchingTimestampOracle(TimestampAllocator allocator) {
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    @Override
    public Timestamp next() {
        return new Timestamp(nextVersion());
    }

    /** Same as {@link #next()} without the wrapper object. */
    public long nextVersion() {
        Batch batch;
        int slot;
        lock.lock();
        try {
            if (collecting == null) {
                collecting = new Batch();
            }
            batch = collecting;
            slot = batch.size++;
            if (allocating) {
                while (!batch.done && !(batch.lead && slot == 0)) {
                    changed.awaitUninterruptibly();
                }
                if (batch.done) {
                    return result(batch, slot);
                }
            } else {
                allocating = true;
                collecting = null;
            }
            // this caller leads: the batch is sealed (no longer collecting), its size is final
        } finally {
            lock.unlock();
        }
        allocateFor(batch);
        return result(batch, slot);
    }

    private void allocateFor(Batch batch) {
        long first = 0;
        // stays set unless the allocation returns, so an Error in the allocator fails the batch too
        RuntimeException failure = new IllegalStateException("timestamp allocation failed");
        try {
            first = allocator.allocate(batch.size);
            failure = null;
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            complete(batch, first, failure);
        }
    }

    /** Publishes a batch's outcome and hands the next batch, if any, to its first caller. */
    private void complete(Batch batch, long first, RuntimeException failure) {
        lock.lock();
        try {
            batch.first = first;
            batch.failure = failure;
            batch.done = true;
            Batch next = collecting;
            if (next == null) {
                allocating = false;
            } else {
                collecting = null;
                next.lead = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static long result(Batch batch, int slot) {
        if (batch.failure != null) {
            throw batch.failure;
        }
        return batch.first + slot;
    }

    /** Callers gathered for the next allocation (for tests). */
    int waiting() {
        lock.lock();
        try {
            return collecting == null ? 0 : collecting.size;
        } finally {
            lock.unlock();
        }
    }
}
