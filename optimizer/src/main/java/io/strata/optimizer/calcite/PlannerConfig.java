package io.strata.optimizer.calcite;

/**
 * Tuning of {@link CalciteQueryPlanner}.
 *
 * @param planCacheSize   compiled SELECT plans kept (LRU-ish, Caffeine's W-TinyLFU)
 * @param scalarCacheSize compiled scalar programs (INSERT/UPDATE expressions) kept
 */
public record PlannerConfig(int planCacheSize, int scalarCacheSize) {
    public PlannerConfig {
        if (planCacheSize < 0 || scalarCacheSize < 0) {
            throw new IllegalArgumentException("cache sizes must be >= 0");
        }
    }

    public static PlannerConfig defaults() {
        return new PlannerConfig(1024, 1024);
    }
}
