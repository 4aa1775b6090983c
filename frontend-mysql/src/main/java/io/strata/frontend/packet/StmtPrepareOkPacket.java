package io.strata.frontend.packet;

/**
 * First packet of the COM_STMT_PREPARE answer: statement id and how many column and parameter
 * definitions follow.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_stmt_prepare.html#sect_protocol_com_stmt_prepare_response_ok">COM_STMT_PREPARE_OK</a>
 */
public final class StmtPrepareOkPacket implements MySqlPacket {
    private final int statementId;
    private final int columnCount;
    private final int parameterCount;
    private final int warnings;

    public StmtPrepareOkPacket(int statementId, int columnCount, int parameterCount, int warnings) {
        this.statementId = statementId;
        this.columnCount = columnCount;
        this.parameterCount = parameterCount;
        this.warnings = warnings;
    }

    @Override
    public void write(MySqlPayload payload) {
        payload.writeInt1(0x00);
        payload.writeInt4(statementId);
        payload.writeInt2(columnCount);
        payload.writeInt2(parameterCount);
        payload.writeInt1(0);
        payload.writeInt2(warnings);
    }
}
