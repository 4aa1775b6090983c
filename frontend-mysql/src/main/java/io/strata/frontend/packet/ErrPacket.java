package io.strata.frontend.packet;

import static java.util.Objects.requireNonNull;

/**
 * Failure: error number, '#' and the five-character SQLSTATE, human-readable message.
 * Built only by {@code ErrPacketFactory}, the one place that maps exceptions to errors.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_err_packet.html">ERR_Packet</a>
 */
public final class ErrPacket implements MySqlPacket {
    public static final int HEADER = 0xff;

    private final int errorCode;
    private final String sqlState;
    private final String message;

    public ErrPacket(int errorCode, String sqlState, String message) {
        this.errorCode = errorCode;
        this.sqlState = requireNonNull(sqlState, "sqlState is null");
        if (sqlState.length() != 5) {
            throw new IllegalArgumentException("SQLSTATE must have 5 characters: " + sqlState);
        }
        this.message = message == null ? "" : message;
    }

    public static ErrPacket decode(MySqlPayload payload) {
        int header = payload.readInt1();
        if (header != HEADER) {
            throw new MalformedPacketException("not an ERR packet");
        }
        int code = payload.readInt2();
        payload.skip(1);
        String state = payload.readStringFixed(5);
        return new ErrPacket(code, state, payload.readStringEof());
    }

    @Override
    public void write(MySqlPayload payload) {
        payload.writeInt1(HEADER);
        payload.writeInt2(errorCode);
        payload.writeInt1('#');
        payload.writeStringEof(sqlState);
        payload.writeStringEof(message);
    }

    public int errorCode() {
        return errorCode;
    }

    public String sqlState() {
        return sqlState;
    }

    public String message() {
        return message;
    }
}
