package io.strata.frontend.packet;

/**
 * COM_STMT_SEND_LONG_DATA: a chunk of a parameter's value, appended to what earlier chunks
 * sent; the next COM_STMT_EXECUTE uses the concatenation. The server sends no answer.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_stmt_send_long_data.html">COM_STMT_SEND_LONG_DATA</a>
 */
public final class ComStmtSendLongDataPacket {
    private final int statementId;
    private final int parameterId;
    private final byte[] data;

    public ComStmtSendLongDataPacket(MySqlPayload payload) {
        this.statementId = (int) payload.readInt4();
        this.parameterId = payload.readInt2();
        this.data = payload.readBytesEof();
    }

    public int statementId() {
        return statementId;
    }

    public int parameterId() {
        return parameterId;
    }

    public byte[] data() {
        return data.clone();
    }
}
