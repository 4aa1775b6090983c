package io.strata.coordinator.tso;

import io.strata.spi.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalTimestampOracleTest {
    @TempDir
    Path dir;

    @Test
    void strictlyIncreasingAcrossEightThreads() throws Exception {
        LocalTimestampOracle tso = LocalTimestampOracle.open(dir);
        int threads = 8;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long[] out = new long[perThread];
                    for (int i = 0; i < perThread; i++) {
                        out[i] = tso.next().version();
                        if (i > 0 && out[i] <= out[i - 1]) {
                            throw new AssertionError("not increasing within a thread");
                        }
                    }
                    return out;
                }));
            }
            long[] all = new long[threads * perThread];
            int n = 0;
            for (Future<long[]> f : futures) {
                long[] part = f.get();
                System.arraycopy(part, 0, all, n, part.length);
                n += part.length;
            }
            Arrays.sort(all);
            for (int i = 1; i < all.length; i++) {
                assertTrue(all[i] > all[i - 1], "duplicate timestamp " + all[i]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void physicalPartFollowsTheClock() {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        LocalTimestampOracle tso = new LocalTimestampOracle(dir, clock::get, Duration.ofSeconds(3));
        Timestamp a = tso.next();
        assertEquals(clock.get(), a.physicalMillis());
        Timestamp b = tso.next();
        assertEquals(a.version() + 1, b.version());
        clock.addAndGet(10_000);
        Timestamp c = tso.next();
        assertEquals(clock.get(), c.physicalMillis());
        assertEquals(0, c.logical());
    }

    @Test
    void restartWithClockThatWentBackStaysAbove() throws Exception {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        long highest = 0;
        LocalTimestampOracle first = new LocalTimestampOracle(dir, clock::get, Duration.ofSeconds(3));
        for (int i = 0; i < 1000; i++) {
            highest = first.next().version();
            if (i % 100 == 0) {
                clock.addAndGet(1_000); // crosses the window several times
            }
        }
        // "crash": the first oracle is simply abandoned; the clock jumps an hour back
        clock.addAndGet(-3_600_000L);
        LocalTimestampOracle second = new LocalTimestampOracle(dir, clock::get, Duration.ofSeconds(3));
        long afterRestart = second.next().version();
        assertTrue(afterRestart > highest, afterRestart + " must exceed " + highest);
        assertTrue(second.next().version() > afterRestart);
        String content = Files.readString(dir.resolve(LocalTimestampOracle.FILE_NAME));
        assertTrue(content.startsWith("strata-tso-limit v1 "), content);
    }

    @Test
    void persistsOnlyWhenTheWindowIsUsedUp() throws Exception {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        LocalTimestampOracle tso = new LocalTimestampOracle(dir, clock::get, Duration.ofSeconds(3));
        tso.next();
        String before = Files.readString(dir.resolve(LocalTimestampOracle.FILE_NAME));
        for (int i = 0; i < 10_000; i++) {
            tso.next();
        }
        assertEquals(before, Files.readString(dir.resolve(LocalTimestampOracle.FILE_NAME)));
        clock.addAndGet(5_000);
        tso.next();
        String after = Files.readString(dir.resolve(LocalTimestampOracle.FILE_NAME));
        assertTrue(!after.equals(before));
    }

    @Test
    void aCorruptLimitFileIsRefusedRatherThanIgnored() throws Exception {
        Files.writeString(dir.resolve(LocalTimestampOracle.FILE_NAME), "garbage");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> LocalTimestampOracle.open(dir));
    }

    @Test
    void thePersistedLimitIsAheadOfEverythingHandedOut() throws Exception {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        LocalTimestampOracle tso = new LocalTimestampOracle(dir, clock::get, Duration.ofSeconds(3));
        long last = 0;
        for (int i = 0; i < 50; i++) {
            last = tso.nextVersion();
            clock.addAndGet(700);
            String s = Files.readString(dir.resolve(LocalTimestampOracle.FILE_NAME)).trim();
            long limit = Long.parseLong(s.substring(s.lastIndexOf(' ') + 1));
            assertTrue(limit > last, "limit " + limit + " must exceed " + last);
        }
    }
}
