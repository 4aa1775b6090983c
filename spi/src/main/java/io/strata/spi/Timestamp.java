package io.strata.spi;

/**
 * A hybrid timestamp as issued by the TSO: physical milliseconds in the high bits, an 18-bit
 * logical counter in the low bits. Comparing the raw {@code long}s compares the timestamps.
 */
public record Timestamp(long version) implements Comparable<Timestamp> {
    public static final int LOGICAL_BITS = 18;
    public static final long LOGICAL_MASK = (1L << LOGICAL_BITS) - 1;
    public static final Timestamp ZERO = new Timestamp(0);
    public static final Timestamp MAX = new Timestamp(Long.MAX_VALUE);

    public static Timestamp of(long physicalMillis, long logical) {
        if (logical < 0 || logical > LOGICAL_MASK) {
            throw new IllegalArgumentException("logical out of range: " + logical);
        }
        return new Timestamp(compose(physicalMillis, logical));
    }

    public static long compose(long physicalMillis, long logical) {
        return (physicalMillis << LOGICAL_BITS) | logical;
    }

    public long physicalMillis() {
        return version >>> LOGICAL_BITS;
    }

    public long logical() {
        return version & LOGICAL_MASK;
    }

    @Override
    public int compareTo(Timestamp o) {
        return Long.compare(version, o.version);
    }
}
