package io.strata.bench.tpcc;

import java.math.BigDecimal;
import java.util.SplittableRandom;

/**
 * The random functions of TPC-C (specification 2.1.6 and 4.3.2): uniform integers, the
 * non-uniform NURand(A, x, y) that makes some customers and items hot, alphanumeric and numeric
 * strings, and customer last names built from syllables. One instance per thread.
 */
public final class TpccRandom {
    private static final String[] SYLLABLES = {"BAR", "OUGHT", "ABLE", "PRI", "PRES", "ESE", "ANTI", "CALLY", "ATION", "EING"};
    private static final char[] ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final SplittableRandom random;
    // The run-time constants C of NURand; the spec asks for one value per field, fixed per run.
    private final int cLast;
    private final int cId;
    private final int olIId;

    public TpccRandom(long seed, int cLast, int cId, int olIId) {
        this.random = new SplittableRandom(seed);
        this.cLast = cLast;
        this.cId = cId;
        this.olIId = olIId;
    }

    /** A generator whose NURand constants are drawn from the seed (used by the loader and driver alike). */
    public static TpccRandom seeded(long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        return new TpccRandom(seed, r.nextInt(256), r.nextInt(1024), r.nextInt(8192));
    }

    public TpccRandom split(long salt) {
        return new TpccRandom(random.nextLong() ^ salt, cLast, cId, olIId);
    }

    public int uniform(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }

    public double nextDouble() {
        return random.nextDouble();
    }

    private int nuRand(int a, int c, int x, int y) {
        return (((uniform(0, a) | uniform(x, y)) + c) % (y - x + 1)) + x;
    }

    public int customerId(int customersPerDistrict) {
        return Math.min(customersPerDistrict, nuRand(1023, cId, 1, Math.max(1, customersPerDistrict)));
    }

    public int itemId(int items) {
        return Math.min(items, nuRand(8191, olIId, 1, Math.max(1, items)));
    }

    public int lastNameNumber(int max) {
        return nuRand(255, cLast, 0, 999) % (max + 1);
    }

    public static String lastName(int number) {
        return SYLLABLES[number / 100] + SYLLABLES[(number / 10) % 10] + SYLLABLES[number % 10];
    }

    public String astring(int minLen, int maxLen) {
        int n = uniform(minLen, maxLen);
        char[] cs = new char[n];
        for (int i = 0; i < n; i++) {
            cs[i] = ALNUM[random.nextInt(ALNUM.length)];
        }
        return new String(cs);
    }

    public String nstring(int minLen, int maxLen) {
        int n = uniform(minLen, maxLen);
        char[] cs = new char[n];
        for (int i = 0; i < n; i++) {
            cs[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(cs);
    }

    /** i_data and s_data: 10% of them carry "ORIGINAL" at a random position. */
    public String dataWithOriginal(int minLen, int maxLen) {
        String s = astring(minLen, maxLen);
        if (random.nextInt(10) == 0) {
            int pos = random.nextInt(s.length() - 8 + 1);
            s = s.substring(0, pos) + "ORIGINAL" + s.substring(pos + 8);
        }
        return s;
    }

    public String zip() {
        return nstring(4, 4) + "11111";
    }

    public String state() {
        return "" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
    }

    /** A decimal in [lo, hi] with {@code scale} digits, uniform over the representable values. */
    public BigDecimal decimal(long loUnits, long hiUnits, int scale) {
        return BigDecimal.valueOf(loUnits + random.nextLong(hiUnits - loUnits + 1), scale);
    }
}
