package io.strata.frontend.packet;

/**
 * COM_INIT_DB: change the current database.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_init_db.html">COM_INIT_DB</a>
 */
public final class ComInitDbPacket {
    private final String schema;

    public ComInitDbPacket(MySqlPayload payload) {
        this.schema = payload.readStringEof();
    }

    public String schema() {
        return schema;
    }
}
