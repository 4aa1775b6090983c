package io.strata.rowstore.store;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Tuning of a {@link LocalStore}.
 *
 * @param syncWrites        fsync the WAL at each group commit (durability across kill -9 and power loss)
 * @param maxGroupSize      most commands applied in one group (one engine write)
 * @param prewriteLockTtl   TTL of prewrite locks: after it a reader may roll an unfinished transaction back
 * @param pessimisticLockTtl TTL of pessimistic locks (held while the client thinks, so longer)
 * @param onePhaseCommit    commit transactions with one {@code OnePhaseCommit} command instead of a
 *                          prewrite and a commit (every key is in the one region); off only to test
 *                          the two-phase path
 */
public record StoreOptions(boolean syncWrites, int maxGroupSize, Duration prewriteLockTtl, Duration pessimisticLockTtl,
                           boolean onePhaseCommit) {
    public static final StoreOptions DEFAULT = new StoreOptions(true, 256, Duration.ofSeconds(3), Duration.ofSeconds(20), true);

    /** Durable group commits, groups of up to 256 commands, 3 s prewrite and 20 s pessimistic lock TTLs, one-phase commit. */
    public static StoreOptions defaults() {
        return DEFAULT;
    }

    public StoreOptions {
        requireNonNull(prewriteLockTtl, "prewriteLockTtl is null");
        requireNonNull(pessimisticLockTtl, "pessimisticLockTtl is null");
        if (maxGroupSize < 1) {
            throw new IllegalArgumentException("maxGroupSize must be positive");
        }
    }

    public StoreOptions withSyncWrites(boolean sync) {
        return new StoreOptions(sync, maxGroupSize, prewriteLockTtl, pessimisticLockTtl, onePhaseCommit);
    }

    public StoreOptions withLockTtls(Duration prewrite, Duration pessimistic) {
        return new StoreOptions(syncWrites, maxGroupSize, prewrite, pessimistic, onePhaseCommit);
    }

    public StoreOptions withOnePhaseCommit(boolean enabled) {
        return new StoreOptions(syncWrites, maxGroupSize, prewriteLockTtl, pessimisticLockTtl, enabled);
    }
}
