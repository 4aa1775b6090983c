package io.strata.coordinator.tso;

/**
 * The PD side of timestamp batching: one request for {@code count} timestamps at once (PD's
 * {@code GetTS} with a count). Implemented in process by {@link LocalTimestampOracle}; a remote PD
 * client implements it with one round trip.
 */
@FunctionalInterface
public interface TimestampAllocator {
    /**
     * Allocates {@code count} consecutive timestamps, {@code first} to {@code first + count - 1},
     * all greater than every timestamp allocated before (across restarts), and returns
     * {@code first}.
     */
    long allocate(int count);
}
