package io.strata.columnstore;

import io.strata.spi.codec.MemComparable;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Read access to one column of a built (immutable) batch, at the level the kernels need: the
 * validity bitmap 64 rows at a time, and values by their physical form — {@code long} for
 * long-backed columns ({@link ColumnSpec#isLongBacked()}), {@code double}, byte ranges compared
 * unsigned (binary collation: UTF-8 byte order is code-point order), or {@code BigDecimal} for
 * wide decimals. Buffers are captured once; a built batch never reallocates them.
 */
public final class Column {
    private final ColumnSpec spec;
    private final FieldVector vector;
    private final int rowCount;
    private final boolean hasNulls;
    private final ArrowBuf validity;
    private final ArrowBuf data;
    private final ArrowBuf offsets;
    /** Bytes between two values of a long-backed or double column; 4 means an int32 (DATE). */
    private final int stride;

    Column(ColumnSpec spec, FieldVector vector) {
        this.spec = spec;
        this.vector = vector;
        this.rowCount = vector.getValueCount();
        this.hasNulls = vector.getNullCount() > 0;
        this.validity = vector.getValidityBuffer();
        this.data = vector.getDataBuffer();
        this.offsets = vector instanceof BaseVariableWidthVector ? vector.getOffsetBuffer() : null;
        this.stride = switch (spec.kind()) {
            case DATE -> 4;
            case DECIMAL -> 16;
            default -> 8;
        };
    }

    public ColumnSpec spec() {
        return spec;
    }

    public FieldVector vector() {
        return vector;
    }

    public int rowCount() {
        return rowCount;
    }

    /** False when no row is NULL, so a kernel may skip the validity bitmap. */
    public boolean hasNulls() {
        return hasNulls;
    }

    public boolean isNull(int row) {
        return (validity.getByte(row >>> 3) & (1 << (row & 7))) == 0;
    }

    /**
     * Validity of rows {@code 64 * word} to {@code 64 * word + 63} as the bits of a long (bit j =
     * row 64 * word + j); bits past the last row are 0.
     */
    public long validityWord(int word) {
        int from = word << 3;
        int bytes = (rowCount + 7) >>> 3;
        long bits;
        if (from + 8 <= validity.capacity()) {
            bits = validity.getLong(from);
        } else {
            bits = 0;
            for (int b = from; b < bytes; b++) {
                bits |= (validity.getByte(b) & 0xFFL) << ((b - from) << 3);
            }
        }
        int rowsHere = rowCount - (word << 6);
        return rowsHere >= 64 ? bits : bits & ((1L << rowsHere) - 1);
    }

    /** The value of a long-backed column: integer, unscaled narrow decimal, epoch day, or microseconds. */
    public long getLong(int row) {
        return stride == 4 ? data.getInt((long) row << 2) : data.getLong((long) row * stride);
    }

    public double getDouble(int row) {
        return data.getDouble((long) row << 3);
    }

    /** A wide decimal (precision above {@link ColumnKind#LONG_DECIMAL_PRECISION}). */
    public BigDecimal getBigDecimal(int row) {
        return (BigDecimal) vector.getObject(row);
    }

    public int byteStart(int row) {
        return offsets.getInt((long) row << 2);
    }

    public int byteEnd(int row) {
        return offsets.getInt((long) (row + 1) << 2);
    }

    public byte byteAt(int index) {
        return data.getByte(index);
    }

    /** Unsigned comparison of a string or binary value with {@code other}. */
    public int compareBytes(int row, byte[] other) {
        int start = byteStart(row);
        int len = byteEnd(row) - start;
        int n = Math.min(len, other.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(data.getByte(start + i) & 0xFF, other[i] & 0xFF);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(len, other.length);
    }

    /** Unsigned comparison of two values of this string or binary column. */
    public int compareBytes(int row, int otherRow) {
        int a = byteStart(row);
        int aLen = byteEnd(row) - a;
        int b = byteStart(otherRow);
        int bLen = byteEnd(otherRow) - b;
        int n = Math.min(aLen, bLen);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(data.getByte(a + i) & 0xFF, data.getByte(b + i) & 0xFF);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(aLen, bLen);
    }

    public byte[] getBytes(int row) {
        int start = byteStart(row);
        byte[] out = new byte[byteEnd(row) - start];
        data.getBytes(start, out);
        return out;
    }

    /** The row's value as the engine's Java type (see {@link ColumnKind}), or null. */
    public Object value(int row) {
        if (isNull(row)) {
            return null;
        }
        return switch (spec.kind()) {
            case INTEGER -> getLong(row);
            case DECIMAL -> spec.isLongBacked() ? BigDecimal.valueOf(getLong(row), spec.scale()) : getBigDecimal(row);
            case DOUBLE -> getDouble(row);
            case STRING -> new String(getBytes(row), StandardCharsets.UTF_8);
            case BINARY -> getBytes(row);
            case DATE -> LocalDate.ofEpochDay(getLong(row));
            case DATETIME -> MemComparable.microsToDatetime(getLong(row));
            case TIME -> java.time.Duration.ofNanos(getLong(row) * 1000);
        };
    }
}
