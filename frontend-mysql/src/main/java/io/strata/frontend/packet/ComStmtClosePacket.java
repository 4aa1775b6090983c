package io.strata.frontend.packet;

/**
 * COM_STMT_CLOSE: forget a prepared statement. The server sends no answer.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_stmt_close.html">COM_STMT_CLOSE</a>
 */
public final class ComStmtClosePacket {
    private final int statementId;

    public ComStmtClosePacket(MySqlPayload payload) {
        this.statementId = (int) payload.readInt4();
    }

    public int statementId() {
        return statementId;
    }
}
