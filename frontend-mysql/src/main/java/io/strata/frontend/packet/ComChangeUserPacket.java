package io.strata.frontend.packet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * COM_CHANGE_USER: log in again as another user (or the same, to reset the session) without a new
 * connection. The authentication response is computed over the nonce of the original greeting.
 * On success the old session is closed and a new one opened; on failure the connection closes.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_change_user.html">COM_CHANGE_USER</a>
 */
public final class ComChangeUserPacket {
    private final String user;
    private final byte[] authResponse;
    private final String database;
    private final String authPlugin;
    private final Map<String, String> attributes = new LinkedHashMap<>();

    /** Decodes the body after the command byte; layout depends on the connection's capabilities. */
    public ComChangeUserPacket(MySqlPayload payload, int capabilities) {
        this.user = payload.readStringNul();
        if (Capabilities.has(capabilities, Capabilities.CLIENT_SECURE_CONNECTION)) {
            this.authResponse = payload.readBytes(payload.readInt1());
        } else {
            this.authResponse = payload.readBytesNul();
        }
        String db = payload.readStringNul();
        this.database = db.isEmpty() ? null : db;
        if (payload.isReadable()) {
            payload.readInt2(); // character set
        }
        String plugin = null;
        if (Capabilities.has(capabilities, Capabilities.CLIENT_PLUGIN_AUTH) && payload.isReadable()) {
            plugin = payload.readStringNul();
        }
        this.authPlugin = plugin;
        if (Capabilities.has(capabilities, Capabilities.CLIENT_CONNECT_ATTRS) && payload.isReadable()) {
            long length = payload.readIntLenenc();
            if (length < 0 || length > payload.readableBytes()) {
                throw new MalformedPacketException("connection attributes length " + length);
            }
            int end = payload.readableBytes() - (int) length;
            while (payload.readableBytes() > end) {
                attributes.put(payload.readStringLenenc(), payload.readStringLenenc());
            }
        }
    }

    /** The same request in the shape of a handshake response, so one authenticator serves both. */
    public HandshakeResponse41Packet asHandshakeResponse(int capabilities, long maxPacketSize, int collation) {
        return new HandshakeResponse41Packet(capabilities, maxPacketSize, collation, user, authResponse, database, authPlugin, attributes);
    }

    public String user() {
        return user;
    }

    public String database() {
        return database;
    }
}
