package io.strata.frontend.packet;

/**
 * End of a column list or of rows, for clients without CLIENT_DEPRECATE_EOF.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_eof_packet.html">EOF_Packet</a>
 */
public final class EofPacket implements MySqlPacket {
    public static final int HEADER = 0xfe;

    private final int statusFlags;
    private final int warnings;

    public EofPacket(int statusFlags, int warnings) {
        this.statusFlags = statusFlags;
        this.warnings = warnings;
    }

    @Override
    public void write(MySqlPayload payload) {
        payload.writeInt1(HEADER);
        payload.writeInt2(Math.min(warnings, 0xffff)); // MySQL caps the count at what two bytes hold
        payload.writeInt2(statusFlags);
    }
}
