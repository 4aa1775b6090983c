package io.strata.frontend.packet;

import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.MysqlText;

import java.util.List;

/**
 * One row of a text result set: each value as a length-encoded string in MySQL's text form
 * ({@link MysqlText}), or 0xFB for NULL.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response_text_resultset_row.html">Text Resultset Row</a>
 */
public final class TextResultRowPacket implements MySqlPacket {
    private final List<ColumnMeta> columns;
    private final Object[] values;

    public TextResultRowPacket(List<ColumnMeta> columns, Object[] values) {
        this.columns = columns;
        this.values = values;
    }

    @Override
    public void write(MySqlPayload payload) {
        for (int i = 0; i < columns.size(); i++) {
            Object value = i < values.length ? values[i] : null;
            byte[] text = MysqlText.toBytes(value, columns.get(i).decimals());
            if (text == null) {
                payload.writeNull();
            } else {
                payload.writeBytesLenenc(text);
            }
        }
    }
}
