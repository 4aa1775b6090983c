package io.strata.frontend.packet;

/**
 * COM_STMT_RESET: drop the long data collected for a statement's parameters.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_stmt_reset.html">COM_STMT_RESET</a>
 */
public final class ComStmtResetPacket {
    private final int statementId;

    public ComStmtResetPacket(MySqlPayload payload) {
        this.statementId = (int) payload.readInt4();
    }

    public int statementId() {
        return statementId;
    }
}
