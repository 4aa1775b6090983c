package io.strata.frontend.packet;

import io.strata.spi.session.ColumnMeta;

import java.util.List;

/**
 * One row of a binary result set (the answer to COM_STMT_EXECUTE): header 0x00, a NULL bitmap
 * whose first two bits are reserved, then the non-NULL values in binary form.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_binary_resultset.html#sect_protocol_binary_resultset_row">Binary Protocol Resultset Row</a>
 */
public final class BinaryResultRowPacket implements MySqlPacket {
    /** Bits reserved at the front of a result row's NULL bitmap. */
    private static final int NULL_BITMAP_OFFSET = 2;

    private final List<ColumnMeta> columns;
    private final Object[] values;

    public BinaryResultRowPacket(List<ColumnMeta> columns, Object[] values) {
        this.columns = columns;
        this.values = values;
    }

    @Override
    public void write(MySqlPayload payload) {
        payload.writeInt1(0x00);
        int n = columns.size();
        byte[] nullBitmap = new byte[(n + 7 + NULL_BITMAP_OFFSET) / 8];
        for (int i = 0; i < n; i++) {
            if (value(i) == null || BinaryProtocolValues.alwaysNull(columns.get(i))) {
                int bit = i + NULL_BITMAP_OFFSET;
                nullBitmap[bit / 8] |= (byte) (1 << (bit % 8));
            }
        }
        payload.writeBytes(nullBitmap);
        for (int i = 0; i < n; i++) {
            Object value = value(i);
            if (value != null && !BinaryProtocolValues.alwaysNull(columns.get(i))) {
                BinaryProtocolValues.write(payload, columns.get(i), value);
            }
        }
    }

    private Object value(int i) {
        return i < values.length ? values[i] : null;
    }
}
