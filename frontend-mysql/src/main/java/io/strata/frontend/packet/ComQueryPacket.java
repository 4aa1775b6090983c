package io.strata.frontend.packet;

/**
 * COM_QUERY: SQL text to run, the rest of the packet (we do not offer CLIENT_QUERY_ATTRIBUTES,
 * so no parameter block precedes it).
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query.html">COM_QUERY</a>
 */
public final class ComQueryPacket {
    private final String sql;

    /** Decodes the packet body after the command byte. */
    public ComQueryPacket(MySqlPayload payload) {
        this.sql = payload.readStringEof();
    }

    public String sql() {
        return sql;
    }
}
