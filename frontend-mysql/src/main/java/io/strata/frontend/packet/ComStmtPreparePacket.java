package io.strata.frontend.packet;

/**
 * COM_STMT_PREPARE: SQL text with {@code ?} placeholders.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_stmt_prepare.html">COM_STMT_PREPARE</a>
 */
public final class ComStmtPreparePacket {
    private final String sql;

    public ComStmtPreparePacket(MySqlPayload payload) {
        this.sql = payload.readStringEof();
    }

    public String sql() {
        return sql;
    }
}
