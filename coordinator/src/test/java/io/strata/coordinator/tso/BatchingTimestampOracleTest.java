package io.strata.coordinator.tso;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchingTimestampOracleTest {
    @TempDir
    Path dir;

    /**
     * Sixteen threads through one batching client over the persisted oracle, twice with a restart
     * in between: every timestamp distinct, increasing within each thread, greater than every
     * timestamp returned before the call started, and after the restart greater than all before.
     */
    @Test
    void uniqueMonotonicAndInRealTimeOrderAcrossThreadsAndRestarts() throws Exception {
        long[] first = hammer(16, 5_000);
        long[] second = hammer(16, 5_000);
        assertTrue(second[0] > first[first.length - 1], "after a restart every timestamp is greater");
    }

    /** Returns every timestamp handed out, sorted, after checking the guarantees. */
    private long[] hammer(int threads, int perThread) throws Exception {
        LocalTimestampOracle local = LocalTimestampOracle.open(dir);
        BatchingTimestampOracle tso = new BatchingTimestampOracle(local);
        // the greatest timestamp whose call has returned: a call that starts later must exceed it
        AtomicLong completed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    long[] out = new long[perThread];
                    for (int i = 0; i < perThread; i++) {
                        long floor = completed.get();
                        out[i] = tso.next().version();
                        if (out[i] <= floor) {
                            throw new AssertionError(out[i] + " not above " + floor + ", returned before the call");
                        }
                        if (i > 0 && out[i] <= out[i - 1]) {
                            throw new AssertionError("not increasing within a thread");
                        }
                        completed.accumulateAndGet(out[i], Math::max);
                    }
                    return out;
                }));
            }
            start.countDown();
            long[] all = new long[threads * perThread];
            int n = 0;
            for (Future<long[]> f : futures) {
                long[] part = f.get(60, TimeUnit.SECONDS);
                System.arraycopy(part, 0, all, n, part.length);
                n += part.length;
            }
            Arrays.sort(all);
            for (int i = 1; i < all.length; i++) {
                assertTrue(all[i] > all[i - 1], "duplicate timestamp " + all[i]);
            }
            return all;
        } finally {
            pool.shutdownNow();
            local.close();
        }
    }

    /**
     * While one allocation is held inside the allocator, ten more callers gather into one batch,
     * which then takes a single allocation of ten timestamps.
     */
    @Test
    void callersArrivingDuringAnAllocationShareTheNextOne() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> counts = new ArrayList<>();
        AtomicLong next = new AtomicLong(100);
        TimestampAllocator allocator = count -> {
            synchronized (counts) {
                counts.add(count);
            }
            if (counts.size() == 1) {
                entered.countDown();
                await(release);
            }
            return next.getAndAdd(count);
        };
        BatchingTimestampOracle tso = new BatchingTimestampOracle(allocator);
        ExecutorService pool = Executors.newFixedThreadPool(11);
        try {
            Future<Long> leader = pool.submit(tso::nextVersion);
            assertTrue(entered.await(30, TimeUnit.SECONDS));
            List<Future<Long>> followers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                followers.add(pool.submit(tso::nextVersion));
            }
            while (tso.waiting() < 10) {
                Thread.sleep(1);
            }
            release.countDown();
            assertEquals(100L, leader.get(30, TimeUnit.SECONDS));
            List<Long> got = new ArrayList<>();
            for (Future<Long> f : followers) {
                got.add(f.get(30, TimeUnit.SECONDS));
            }
            got.sort(null);
            assertEquals(List.of(101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L, 109L, 110L), got);
            assertEquals(List.of(1, 10), counts);
            assertEquals(111L, tso.nextVersion());
            assertEquals(List.of(1, 10, 1), counts);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedAllocationFailsItsCallersAndTheNextOneWorks() {
        AtomicBoolean fail = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        BatchingTimestampOracle tso = new BatchingTimestampOracle(count -> {
            calls.incrementAndGet();
            if (fail.get()) {
                throw new IllegalStateException("PD unavailable");
            }
            return 42;
        });
        assertEquals("PD unavailable", assertThrows(IllegalStateException.class, tso::next).getMessage());
        fail.set(false);
        assertEquals(42, tso.next().version());
        assertEquals(2, calls.get());
        // an Error inside the allocator reaches its caller and does not wedge the client
        AtomicBoolean error = new AtomicBoolean(true);
        BatchingTimestampOracle wedgeable = new BatchingTimestampOracle(count -> {
            if (error.getAndSet(false)) {
                throw new AssertionError("allocator bug");
            }
            return 7;
        });
        assertThrows(AssertionError.class, wedgeable::next);
        assertEquals(7, wedgeable.next().version());
    }

    @Test
    void localOracleAllocatesWholeRangesBelowItsPersistedLimit() {
        long[] clock = {1_000};
        LocalTimestampOracle local = new LocalTimestampOracle(dir, () -> clock[0], java.time.Duration.ofMillis(10));
        long a = local.allocate(5);
        long b = local.allocate(300_000); // more than one millisecond's logical counter: carries into physical
        assertEquals(a + 5, b);
        long c = local.nextVersion();
        assertEquals(b + 300_000, c);
        LocalTimestampOracle reopened = new LocalTimestampOracle(dir, () -> clock[0], java.time.Duration.ofMillis(10));
        assertTrue(reopened.allocate(1) > c, "after a restart above the whole range");
        assertThrows(IllegalArgumentException.class, () -> local.allocate(0));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
