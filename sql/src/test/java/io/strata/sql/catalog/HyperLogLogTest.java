package io.strata.sql.catalog;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HyperLogLogTest {
    private static double count(int distinct, int repeats, String prefix) {
        HyperLogLog hll = new HyperLogLog();
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < distinct; i++) {
                byte[] b = (prefix + i).getBytes(StandardCharsets.UTF_8);
                hll.add(b, 0, b.length);
            }
        }
        return hll.estimate();
    }

    @Test
    void nothingAddedIsZero() {
        assertEquals(0, new HyperLogLog().estimate());
    }

    @Test
    void smallCountsAreNearlyExact() {
        assertEquals(1, count(1, 5, "v"), 0.01);
        assertEquals(25, count(25, 3, "nation-"), 0.5);
        assertEquals(1000, count(1000, 2, ""), 10);
    }

    @Test
    void largeCountsAreWithinTwoPercent() {
        for (int n : new int[]{30_000, 60_000, 200_000, 1_500_000}) {
            assertEquals(n, count(n, 1, "key#"), n * 0.02, "distinct " + n);
        }
    }

    @Test
    void onlyTheBytesInRangeCount() {
        HyperLogLog hll = new HyperLogLog();
        byte[] buf = "xxabcdefghijyy".getBytes(StandardCharsets.UTF_8);
        hll.add(buf, 2, 12);
        byte[] same = "abcdefghij".getBytes(StandardCharsets.UTF_8);
        hll.add(same, 0, same.length);
        assertEquals(1, hll.estimate(), 0.01);
    }
}
