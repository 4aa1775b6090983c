package io.strata.spi.codec;

import java.util.Arrays;

/** A small growable byte buffer for building keys and row values without intermediate copies. */
public final class ByteWriter {
    private byte[] buf;
    private int len;

    public ByteWriter() {
        this(32);
    }

    public ByteWriter(int capacity) {
        buf = new byte[Math.max(8, capacity)];
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    public ByteWriter put(byte b) {
        ensure(1);
        buf[len++] = b;
        return this;
    }

    public ByteWriter put(byte[] b) {
        return put(b, 0, b.length);
    }

    public ByteWriter put(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    public ByteWriter putLongBE(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[len + i] = (byte) v;
            v >>>= 8;
        }
        len += 8;
        return this;
    }

    public ByteWriter putUVarint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
        return this;
    }

    public ByteWriter putVarint(long v) {
        return putUVarint((v << 1) ^ (v >> 63));
    }

    public int length() {
        return len;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
