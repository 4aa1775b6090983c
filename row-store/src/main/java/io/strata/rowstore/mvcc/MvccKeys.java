package io.strata.rowstore.mvcc;

import io.strata.spi.codec.ByteReader;
import io.strata.spi.codec.ByteWriter;
import io.strata.spi.codec.MemComparable;

import java.util.Arrays;

/**
 * Physical key layout of the MVCC column families.
 *
 * <p>A user key is first encoded with the memcomparable BYTES encoding, which is order preserving
 * and prefix-free: no encoded key is a prefix of another. That lets a timestamp be appended without
 * mixing up the versions of {@code "a"} with the key {@code "a\0"}:
 * <pre>
 *   lock CF:     enc(key)                 -> Lock
 *   default CF:  enc(key) ++ ~start_ts    -> value (long values only)
 *   write CF:    enc(key) ++ ~commit_ts   -> Write
 * </pre>
 * The timestamp is stored bitwise inverted, big-endian, so the newest version of a key sorts
 * first and a seek to {@code enc(key) ++ ~read_ts} lands on the newest version {@code <= read_ts}.
 */
public final class MvccKeys {
    public static final int TS_LENGTH = 8;

    private MvccKeys() {
    }

    public static byte[] encode(byte[] userKey) {
        ByteWriter w = new ByteWriter(userKey.length + userKey.length / 8 + 10 + TS_LENGTH);
        MemComparable.encodeBytes(w, userKey);
        return w.toByteArray();
    }

    public static byte[] decode(byte[] encoded) {
        return MemComparable.decodeBytes(new ByteReader(encoded));
    }

    /** {@code encoded ++ ~ts}. */
    public static byte[] withTs(byte[] encodedKey, long ts) {
        byte[] out = Arrays.copyOf(encodedKey, encodedKey.length + TS_LENGTH);
        long inv = ~ts;
        for (int i = TS_LENGTH - 1; i >= 0; i--) {
            out[encodedKey.length + i] = (byte) inv;
            inv >>>= 8;
        }
        return out;
    }

    public static long tsOf(byte[] versionedKey) {
        long v = 0;
        for (int i = versionedKey.length - TS_LENGTH; i < versionedKey.length; i++) {
            v = (v << 8) | (versionedKey[i] & 0xFF);
        }
        return ~v;
    }

    /** True when {@code versionedKey} is a version of {@code encodedKey}. */
    public static boolean isVersionOf(byte[] versionedKey, byte[] encodedKey) {
        return versionedKey.length == encodedKey.length + TS_LENGTH
                && Arrays.equals(versionedKey, 0, encodedKey.length, encodedKey, 0, encodedKey.length);
    }

    /** The encoded user key part of a versioned key. */
    public static byte[] stripTs(byte[] versionedKey) {
        return Arrays.copyOf(versionedKey, versionedKey.length - TS_LENGTH);
    }
}
