package io.strata.frontend.packet;

/**
 * Success: affected rows, last insert id, status flags, warnings and an optional info string.
 * With CLIENT_DEPRECATE_EOF the same layout with header 0xFE ends a result set in place of EOF.
 *
 * <p>The info string is length-encoded. The documentation calls it "string&lt;EOF&gt;" for clients
 * without CLIENT_SESSION_TRACK, but mysqld writes it with {@code net_store_data} (length-encoded)
 * either way, and libmysqlclient and Connector/J read it so.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_ok_packet.html">OK_Packet</a>
 */
public final class OkPacket implements MySqlPacket {
    public static final int HEADER = 0x00;
    public static final int EOF_HEADER = 0xfe;

    private final int header;
    private final long affectedRows;
    private final long lastInsertId;
    private final int statusFlags;
    private final int warnings;
    private final String info;

    public OkPacket(long affectedRows, long lastInsertId, int statusFlags, int warnings, String info) {
        this(HEADER, affectedRows, lastInsertId, statusFlags, warnings, info);
    }

    private OkPacket(int header, long affectedRows, long lastInsertId, int statusFlags, int warnings, String info) {
        this.header = header;
        this.affectedRows = affectedRows;
        this.lastInsertId = lastInsertId;
        this.statusFlags = statusFlags;
        this.warnings = warnings;
        this.info = info == null ? "" : info;
    }

    /** The OK that ends a result set when the client set CLIENT_DEPRECATE_EOF. */
    public static OkPacket endOfResultSet(int statusFlags, int warnings) {
        return new OkPacket(EOF_HEADER, 0, 0, statusFlags, warnings, "");
    }

    public static OkPacket decode(MySqlPayload payload) {
        int header = payload.readInt1();
        long affected = payload.readIntLenenc();
        long lastId = payload.readIntLenenc();
        int status = payload.readInt2();
        int warnings = payload.readInt2();
        String info = payload.isReadable() ? payload.readStringLenenc() : "";
        return new OkPacket(header, affected, lastId, status, warnings, info);
    }

    @Override
    public void write(MySqlPayload payload) {
        payload.writeInt1(header);
        payload.writeIntLenenc(affectedRows);
        payload.writeIntLenenc(lastInsertId);
        payload.writeInt2(statusFlags);
        payload.writeInt2(Math.min(warnings, 0xffff)); // MySQL caps the count at what two bytes hold
        if (!info.isEmpty()) {
            payload.writeStringLenenc(info);
        }
    }

    public long affectedRows() {
        return affectedRows;
    }

    public long lastInsertId() {
        return lastInsertId;
    }

    public int statusFlags() {
        return statusFlags;
    }

    public int warnings() {
        return warnings;
    }

    public String info() {
        return info;
    }
}
