package io.strata.frontend.packet;

/**
 * COM_SET_OPTION: turn multi-statement support on (0) or off (1) for the connection.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_set_option.html">COM_SET_OPTION</a>
 */
public final class ComSetOptionPacket {
    public static final int MULTI_STATEMENTS_ON = 0;
    public static final int MULTI_STATEMENTS_OFF = 1;

    private final int option;

    public ComSetOptionPacket(MySqlPayload payload) {
        this.option = payload.readInt2();
    }

    public int option() {
        return option;
    }
}
