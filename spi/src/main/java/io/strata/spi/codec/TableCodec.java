package io.strata.spi.codec;

import io.strata.spi.Key;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The key layout of the ordered key space (DESIGN.md §3):
 * <pre>
 *   m{name}                                   metadata (catalog, sequences)
 *   t{tableId}_r{handle}                      a row; the value is a {@link RowCodec} row
 *   t{tableId}_i{indexId}{values}             a unique index entry; the value is the handle
 *   t{tableId}_i{indexId}{values}{handle}     a non-unique index entry (or a unique one with a NULL)
 * </pre>
 * tableId, indexId and handle are memcomparable INTs, values memcomparable datums, so the rows of
 * a table are contiguous and ordered by handle, and an index is ordered by its values.
 */
public final class TableCodec {
    private static final byte TABLE_PREFIX = 't';
    private static final byte META_PREFIX = 'm';
    private static final byte[] ROW_SEP = {'_', 'r'};
    private static final byte[] INDEX_SEP = {'_', 'i'};
    /** Length of {@code t{tableId}_r}. */
    public static final int ROW_PREFIX_LENGTH = 1 + 9 + 2;

    private TableCodec() {
    }

    public static Key metaKey(String name) {
        ByteWriter w = new ByteWriter(2 + name.length() + 10);
        w.put(META_PREFIX);
        MemComparable.encodeBytes(w, name.getBytes(StandardCharsets.UTF_8));
        return Key.own(w.toByteArray());
    }

    public static String decodeMetaKey(Key key) {
        byte[] b = key.toByteArray();
        ByteReader r = new ByteReader(b, 1, b.length - 1);
        return new String(MemComparable.decodeBytes(r), StandardCharsets.UTF_8);
    }

    public static Key tablePrefix(long tableId) {
        ByteWriter w = new ByteWriter(10);
        w.put(TABLE_PREFIX);
        MemComparable.encodeInt(w, tableId);
        return Key.own(w.toByteArray());
    }

    public static Key rowPrefix(long tableId) {
        ByteWriter w = new ByteWriter(ROW_PREFIX_LENGTH);
        w.put(TABLE_PREFIX);
        MemComparable.encodeInt(w, tableId);
        w.put(ROW_SEP);
        return Key.own(w.toByteArray());
    }

    public static Key rowKey(long tableId, long handle) {
        ByteWriter w = new ByteWriter(ROW_PREFIX_LENGTH + 9);
        w.put(TABLE_PREFIX);
        MemComparable.encodeInt(w, tableId);
        w.put(ROW_SEP);
        MemComparable.encodeInt(w, handle);
        return Key.own(w.toByteArray());
    }

    public static boolean isRowKey(Key key) {
        return key.length() == ROW_PREFIX_LENGTH + 9 && key.byteAt(0) == TABLE_PREFIX
                && key.byteAt(10) == ROW_SEP[0] && key.byteAt(11) == ROW_SEP[1];
    }

    public static long decodeHandle(Key rowKey) {
        byte[] b = rowKey.toByteArray();
        return MemComparable.decodeInt(new ByteReader(b, ROW_PREFIX_LENGTH, 9));
    }

    public static long decodeTableId(Key key) {
        byte[] b = key.toByteArray();
        return MemComparable.decodeInt(new ByteReader(b, 1, 9));
    }

    public static Key indexPrefix(long tableId, long indexId) {
        ByteWriter w = new ByteWriter(24);
        w.put(TABLE_PREFIX);
        MemComparable.encodeInt(w, tableId);
        w.put(INDEX_SEP);
        MemComparable.encodeInt(w, indexId);
        return Key.own(w.toByteArray());
    }

    /** The index key for the given values, with the handle appended when {@code handle} is non-null. */
    public static Key indexKey(long tableId, long indexId, List<?> values, Long handle) {
        ByteWriter w = new ByteWriter(32);
        w.put(TABLE_PREFIX);
        MemComparable.encodeInt(w, tableId);
        w.put(INDEX_SEP);
        MemComparable.encodeInt(w, indexId);
        for (Object v : values) {
            MemComparable.encodeDatum(w, v);
        }
        if (handle != null) {
            MemComparable.encodeInt(w, handle);
        }
        return Key.own(w.toByteArray());
    }

    /** The handle stored at the end of a non-unique index key. */
    public static long decodeIndexKeyHandle(Key indexKey) {
        byte[] b = indexKey.toByteArray();
        return MemComparable.decodeInt(new ByteReader(b, b.length - 9, 9));
    }

    public static byte[] encodeHandleValue(long handle) {
        return new ByteWriter(8).putLongBE(handle).toByteArray();
    }

    public static long decodeHandleValue(byte[] value) {
        return new ByteReader(value).getLongBE();
    }
}
