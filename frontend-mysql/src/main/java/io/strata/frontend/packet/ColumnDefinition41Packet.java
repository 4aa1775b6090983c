package io.strata.frontend.packet;

import io.strata.spi.session.ColumnMeta;

import static java.util.Objects.requireNonNull;

/**
 * Describes one column of a result set (or one parameter of a prepared statement). For
 * COM_FIELD_LIST the packet also carries the column's default value, which we send as NULL.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response_text_resultset_column_definition.html">Protocol::ColumnDefinition41</a>
 */
public final class ColumnDefinition41Packet implements MySqlPacket {
    private static final String CATALOG = "def";
    private static final int FIXED_FIELDS_LENGTH = 0x0c;

    private final ColumnMeta column;
    private final boolean forFieldList;

    public ColumnDefinition41Packet(ColumnMeta column, boolean forFieldList) {
        this.column = requireNonNull(column, "column is null");
        this.forFieldList = forFieldList;
    }

    @Override
    public void write(MySqlPayload payload) {
        payload.writeStringLenenc(CATALOG);
        payload.writeStringLenenc(column.schema());
        payload.writeStringLenenc(column.table());
        payload.writeStringLenenc(column.orgTable());
        payload.writeStringLenenc(column.name());
        payload.writeStringLenenc(column.orgName());
        payload.writeIntLenenc(FIXED_FIELDS_LENGTH);
        payload.writeInt2(column.charset());
        payload.writeInt4(column.length());
        payload.writeInt1(column.type().code());
        payload.writeInt2(column.flags());
        payload.writeInt1(column.decimals());
        payload.writeZero(2);
        if (forFieldList) {
            payload.writeNull();
        }
    }
}
