package io.strata.spi.codec;

/** Sequential reader over a byte array, the counterpart of {@link ByteWriter}. */
public final class ByteReader {
    private final byte[] buf;
    private int pos;
    private final int end;

    public ByteReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public ByteReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    public int position() {
        return pos;
    }

    public void position(int p) {
        pos = p;
    }

    public byte[] array() {
        return buf;
    }

    private void need(int n) {
        if (pos + n > end) {
            throw new IllegalArgumentException("truncated input at " + pos + ", need " + n);
        }
    }

    public byte get() {
        need(1);
        return buf[pos++];
    }

    public byte peek() {
        need(1);
        return buf[pos];
    }

    public long getLongBE() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    public long getUVarint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = get();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }

    public long getVarint() {
        long u = getUVarint();
        return (u >>> 1) ^ -(u & 1);
    }

    public byte[] getBytes(int n) {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    public void skip(int n) {
        need(n);
        pos += n;
    }
}
