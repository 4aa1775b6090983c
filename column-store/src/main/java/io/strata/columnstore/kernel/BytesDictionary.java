package io.strata.columnstore.kernel;

import io.strata.columnstore.Column;

import java.util.Arrays;

/**
 * Codes for the byte strings of a string or binary column, so that a GROUP BY key on it becomes a
 * {@code long} like any other: equal strings get equal codes, different strings different ones.
 * A string of up to 7 bytes is its own code (its bytes and its length packed into a long, no
 * lookup: flags, statuses, short names); a longer one gets a dictionary code, marked by a bit no
 * packed code has. Distinct long values are copied once into an arena; looking one up hashes and
 * compares it in the Arrow buffer, without allocating.
 */
final class BytesDictionary {
    private static final int PACKED_MAX = 7;
    private static final long DICTIONARY_CODE = 1L << 62;

    private byte[] arena = new byte[256];
    private int arenaUsed;
    private int[] starts = new int[16];
    private int[] hashes = new int[16];
    private int[] slots = new int[64];
    private int mask = 63;
    private int size;

    BytesDictionary() {
        Arrays.fill(slots, -1);
    }

    long code(Column c, int row) {
        int start = c.byteStart(row);
        int end = c.byteEnd(row);
        int len = end - start;
        if (len <= PACKED_MAX) {
            long packed = (long) len << 56;
            for (int i = 0; i < len; i++) {
                packed |= (c.byteAt(start + i) & 0xFFL) << (i << 3);
            }
            return packed;
        }
        return DICTIONARY_CODE | lookup(c, start, end);
    }

    private int lookup(Column c, int start, int end) {
        int h = 1;
        for (int i = start; i < end; i++) {
            h = 31 * h + c.byteAt(i);
        }
        h ^= h >>> 16;
        int slot = h & mask;
        while (true) {
            int code = slots[slot];
            if (code < 0) {
                return insert(c, start, end, h, slot);
            }
            if (hashes[code] == h && sameBytes(c, start, end, code)) {
                return code;
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean sameBytes(Column c, int start, int end, int code) {
        int from = starts[code];
        int to = code + 1 < size ? starts[code + 1] : arenaUsed;
        if (to - from != end - start) {
            return false;
        }
        for (int i = 0; i < end - start; i++) {
            if (arena[from + i] != c.byteAt(start + i)) {
                return false;
            }
        }
        return true;
    }

    private int insert(Column c, int start, int end, int h, int slot) {
        int len = end - start;
        if (arenaUsed + len > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + len));
        }
        for (int i = 0; i < len; i++) {
            arena[arenaUsed + i] = c.byteAt(start + i);
        }
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        starts[size] = arenaUsed;
        hashes[size] = h;
        arenaUsed += len;
        slots[slot] = size;
        int code = size++;
        if (size * 2 > slots.length) {
            slots = new int[slots.length * 2];
            Arrays.fill(slots, -1);
            mask = slots.length - 1;
            for (int k = 0; k < size; k++) {
                int s = hashes[k] & mask;
                while (slots[s] >= 0) {
                    s = (s + 1) & mask;
                }
                slots[s] = k;
            }
        }
        return code;
    }
}
