package io.strata.frontend.net;

import java.util.concurrent.atomic.AtomicLong;

/** Counters for COM_STATISTICS, per server. */
public final class ServerStats {
    private final long startNanos = System.nanoTime();
    private final AtomicLong questions = new AtomicLong();

    public void question() {
        questions.incrementAndGet();
    }

    public long questions() {
        return questions.get();
    }

    public long uptimeSeconds() {
        return Math.max(1, (System.nanoTime() - startNanos) / 1_000_000_000L);
    }
}
