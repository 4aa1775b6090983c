package io.strata.frontend.packet;

import io.netty.buffer.ByteBuf;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static java.util.Objects.requireNonNull;

/**
 * One packet's payload (without the 4-byte header) with the protocol's basic data types:
 * little-endian fixed-length integers, length-encoded integers and strings, NUL-terminated strings
 * and "rest of packet" strings.
 *
 * <p>Every read checks the bytes are there and throws {@link MalformedPacketException} rather than
 * {@link IndexOutOfBoundsException}, so garbage from a client never escapes as an unexpected error.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_data_types.html">Basic Data Types</a>
 */
public final class MySqlPayload {
    /** First byte of a length-encoded integer that stands for SQL NULL in a text row. */
    public static final int NULL_MARKER = 0xfb;

    private final ByteBuf buf;
    private final Charset charset;

    public MySqlPayload(ByteBuf buf) {
        this(buf, StandardCharsets.UTF_8);
    }

    public MySqlPayload(ByteBuf buf, Charset charset) {
        this.buf = requireNonNull(buf, "buf is null");
        this.charset = requireNonNull(charset, "charset is null");
    }

    public ByteBuf byteBuf() {
        return buf;
    }

    public int readableBytes() {
        return buf.readableBytes();
    }

    public boolean isReadable() {
        return buf.isReadable();
    }

    private void need(int n) {
        if (n < 0 || buf.readableBytes() < n) {
            throw new MalformedPacketException("need " + n + " bytes, have " + buf.readableBytes());
        }
    }

    // ---- reading ----

    public int readInt1() {
        need(1);
        return buf.readUnsignedByte();
    }

    public int peekInt1() {
        need(1);
        return buf.getUnsignedByte(buf.readerIndex());
    }

    public int readInt2() {
        need(2);
        return buf.readUnsignedShortLE();
    }

    public int readInt3() {
        need(3);
        return buf.readUnsignedMediumLE();
    }

    public long readInt4() {
        need(4);
        return buf.readUnsignedIntLE();
    }

    public long readInt6() {
        need(6);
        long low = buf.readUnsignedIntLE();
        long high = buf.readUnsignedShortLE();
        return high << 32 | low;
    }

    public long readInt8() {
        need(8);
        return buf.readLongLE();
    }

    /** A length-encoded integer; values above Long.MAX_VALUE come back negative (as unsigned bits). */
    public long readIntLenenc() {
        int first = readInt1();
        if (first < 0xfb) {
            return first;
        }
        return switch (first) {
            case 0xfc -> readInt2();
            case 0xfd -> readInt3();
            case 0xfe -> readInt8();
            default -> throw new MalformedPacketException("invalid length-encoded integer prefix 0x" + Integer.toHexString(first));
        };
    }

    /** A length for a field that must fit in what is left of the payload. */
    private int readLength() {
        long length = readIntLenenc();
        if (length < 0 || length > buf.readableBytes()) {
            throw new MalformedPacketException("length " + Long.toUnsignedString(length) + " exceeds remaining " + buf.readableBytes());
        }
        return (int) length;
    }

    public byte[] readBytesLenenc() {
        return readBytes(readLength());
    }

    public String readStringLenenc() {
        return new String(readBytesLenenc(), charset);
    }

    public byte[] readBytes(int length) {
        need(length);
        byte[] out = new byte[length];
        buf.readBytes(out);
        return out;
    }

    public String readStringFixed(int length) {
        return new String(readBytes(length), charset);
    }

    public byte[] readBytesNul() {
        int end = buf.indexOf(buf.readerIndex(), buf.writerIndex(), (byte) 0);
        if (end < 0) {
            throw new MalformedPacketException("missing NUL terminator");
        }
        byte[] out = readBytes(end - buf.readerIndex());
        buf.skipBytes(1);
        return out;
    }

    public String readStringNul() {
        return new String(readBytesNul(), charset);
    }

    public byte[] readBytesEof() {
        return readBytes(buf.readableBytes());
    }

    public String readStringEof() {
        return new String(readBytesEof(), charset);
    }

    public void skip(int length) {
        need(length);
        buf.skipBytes(length);
    }

    // ---- writing ----

    public MySqlPayload writeInt1(int value) {
        buf.writeByte(value);
        return this;
    }

    public MySqlPayload writeInt2(int value) {
        buf.writeShortLE(value);
        return this;
    }

    public MySqlPayload writeInt3(int value) {
        buf.writeMediumLE(value);
        return this;
    }

    public MySqlPayload writeInt4(long value) {
        buf.writeIntLE((int) value);
        return this;
    }

    public MySqlPayload writeInt8(long value) {
        buf.writeLongLE(value);
        return this;
    }

    /** A length-encoded integer; negative values are written as their unsigned 64-bit form. */
    public MySqlPayload writeIntLenenc(long value) {
        if (value >= 0 && value < 0xfb) {
            buf.writeByte((int) value);
        } else if (value >= 0 && value < 1 << 16) {
            buf.writeByte(0xfc).writeShortLE((int) value);
        } else if (value >= 0 && value < 1 << 24) {
            buf.writeByte(0xfd).writeMediumLE((int) value);
        } else {
            buf.writeByte(0xfe).writeLongLE(value);
        }
        return this;
    }

    public MySqlPayload writeBytesLenenc(byte[] value) {
        writeIntLenenc(value.length);
        buf.writeBytes(value);
        return this;
    }

    public MySqlPayload writeStringLenenc(String value) {
        return writeBytesLenenc(value.getBytes(charset));
    }

    public MySqlPayload writeBytes(byte[] value) {
        buf.writeBytes(value);
        return this;
    }

    public MySqlPayload writeStringNul(String value) {
        buf.writeBytes(value.getBytes(charset)).writeByte(0);
        return this;
    }

    public MySqlPayload writeStringEof(String value) {
        buf.writeBytes(value.getBytes(charset));
        return this;
    }

    public MySqlPayload writeZero(int length) {
        buf.writeZero(length);
        return this;
    }

    public MySqlPayload writeNull() {
        buf.writeByte(NULL_MARKER);
        return this;
    }
}
