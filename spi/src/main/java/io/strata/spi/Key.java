package io.strata.spi;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable key in the ordered key space. Ordering is unsigned lexicographic on the bytes,
 * which is what the memcomparable encodings in {@code io.strata.spi.codec} are built for.
 * The bytes are copied in and out; nothing outside holds a reference to the array.
 */
public final class Key implements Comparable<Key> {
    public static final Key EMPTY = new Key(new byte[0]);

    private final byte[] bytes;
    private int hash;

    private Key(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Key of(byte[] bytes) {
        return new Key(bytes.clone());
    }

    /**
     * Takes ownership of {@code bytes} without copying. Only for arrays the caller just built and
     * never touches again (codec output, for instance).
     */
    public static Key own(byte[] bytes) {
        return new Key(bytes);
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public byte byteAt(int i) {
        return bytes[i];
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public boolean startsWith(Key prefix) {
        return bytes.length >= prefix.bytes.length
                && Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
    }

    /** The smallest key greater than every key that has this key as a prefix ({@code EMPTY} if none). */
    public Key prefixNext() {
        byte[] b = bytes.clone();
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] != (byte) 0xFF) {
                b[i]++;
                return new Key(Arrays.copyOf(b, i + 1));
            }
        }
        return EMPTY;
    }

    /** The immediate successor: this key followed by a zero byte. */
    public Key next() {
        return new Key(Arrays.copyOf(bytes, bytes.length + 1));
    }

    public Key append(byte[] suffix) {
        byte[] b = Arrays.copyOf(bytes, bytes.length + suffix.length);
        System.arraycopy(suffix, 0, b, bytes.length, suffix.length);
        return new Key(b);
    }

    @Override
    public int compareTo(Key o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
