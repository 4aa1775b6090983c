package io.strata.frontend.packet;

/**
 * COM_FIELD_LIST: the columns of a table, optionally filtered by a LIKE wildcard. Deprecated in
 * MySQL 5.7 but still sent by some clients.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_field_list.html">COM_FIELD_LIST</a>
 */
public final class ComFieldListPacket {
    private final String table;
    private final String wildcard;

    public ComFieldListPacket(MySqlPayload payload) {
        this.table = payload.readStringNul();
        this.wildcard = payload.readStringEof();
    }

    public String table() {
        return table;
    }

    public String wildcard() {
        return wildcard;
    }
}
