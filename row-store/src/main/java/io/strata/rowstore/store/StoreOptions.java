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
 * @param blockCacheBytes   RocksDB block cache shared by the column families (RocksDB stores only)
 */
public record StoreOptions(boolean syncWrites, int maxGroupSize, Duration prewriteLockTtl, Duration pessimisticLockTtl,
                           boolean onePhaseCommit, long blockCacheBytes) {
    /**
     * 1 GiB, as the benchmarks give MariaDB's buffer pool, but at most a quarter of the machine's
     * memory (TiKV sizes its block cache at 45%).
     */
    public static final long DEFAULT_BLOCK_CACHE_BYTES = Math.min(1L << 30, physicalMemory() / 4);

    public static final StoreOptions DEFAULT = new StoreOptions(true, 256, Duration.ofSeconds(3), Duration.ofSeconds(20), true,
            DEFAULT_BLOCK_CACHE_BYTES);

    /**
     * Durable group commits, groups of up to 256 commands, 3 s prewrite and 20 s pessimistic lock
     * TTLs, one-phase commit, the default block cache.
     */
    public static StoreOptions defaults() {
        return DEFAULT;
    }

    public StoreOptions {
        requireNonNull(prewriteLockTtl, "prewriteLockTtl is null");
        requireNonNull(pessimisticLockTtl, "pessimisticLockTtl is null");
        if (maxGroupSize < 1) {
            throw new IllegalArgumentException("maxGroupSize must be positive");
        }
        if (blockCacheBytes <= 0) {
            throw new IllegalArgumentException("blockCacheBytes must be positive");
        }
    }

    private static long physicalMemory() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 4L << 30;
    }

    public StoreOptions withSyncWrites(boolean sync) {
        return new StoreOptions(sync, maxGroupSize, prewriteLockTtl, pessimisticLockTtl, onePhaseCommit, blockCacheBytes);
    }

    public StoreOptions withLockTtls(Duration prewrite, Duration pessimistic) {
        return new StoreOptions(syncWrites, maxGroupSize, prewrite, pessimistic, onePhaseCommit, blockCacheBytes);
    }

    public StoreOptions withOnePhaseCommit(boolean enabled) {
        return new StoreOptions(syncWrites, maxGroupSize, prewriteLockTtl, pessimisticLockTtl, enabled, blockCacheBytes);
    }

    public StoreOptions withBlockCacheBytes(long bytes) {
        return new StoreOptions(syncWrites, maxGroupSize, prewriteLockTtl, pessimisticLockTtl, onePhaseCommit, bytes);
    }
}
