package io.strata.columnstore.kernel;

import java.util.Arrays;

/**
 * Open-addressing hash table from a fixed-width key of longs to a dense group id (0, 1, … in
 * order of first appearance), with linear probing and doubling at half load. Keys are copied
 * into one flat array, so a lookup allocates nothing.
 */
final class GroupTable {
    private final int width;
    private long[] keys;
    private int[] slots;
    private int mask;
    private int size;

    GroupTable(int width) {
        this.width = width;
        this.keys = new long[16 * width];
        this.slots = new int[64];
        Arrays.fill(slots, -1);
        this.mask = slots.length - 1;
    }

    int size() {
        return size;
    }

    /** The group id of {@code key[from .. from + width)}, adding it when new. */
    int add(long[] key, int from) {
        int slot = hash(key, from) & mask;
        while (true) {
            int g = slots[slot];
            if (g < 0) {
                return insert(key, from, slot);
            }
            if (Arrays.equals(keys, g * width, g * width + width, key, from, from + width)) {
                return g;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int insert(long[] key, int from, int slot) {
        if ((size + 1) * width > keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
        System.arraycopy(key, from, keys, size * width, width);
        slots[slot] = size;
        int g = size++;
        if (size * 2 > slots.length) {
            rehash();
        }
        return g;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        Arrays.fill(slots, -1);
        mask = slots.length - 1;
        for (int g = 0; g < size; g++) {
            int slot = hash(keys, g * width) & mask;
            while (slots[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = g;
        }
    }

    private int hash(long[] key, int from) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = from; i < from + width; i++) {
            h = (h ^ key[i]) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return (int) (h ^ (h >>> 32));
    }
}
