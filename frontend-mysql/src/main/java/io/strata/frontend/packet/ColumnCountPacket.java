package io.strata.frontend.packet;

/**
 * Opens a result set: the number of column definitions that follow.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response_text_resultset.html">Text Resultset</a>
 */
public final class ColumnCountPacket implements MySqlPacket {
    private final int count;

    public ColumnCountPacket(int count) {
        this.count = count;
    }

    @Override
    public void write(MySqlPayload payload) {
        payload.writeIntLenenc(count);
    }
}
