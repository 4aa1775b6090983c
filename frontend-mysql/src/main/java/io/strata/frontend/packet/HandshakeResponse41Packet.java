package io.strata.frontend.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client's answer to the greeting: its capabilities, max packet size, collation, user, the
 * authentication response computed over the server's nonce, and optionally the initial database,
 * the plugin that computed the response, and connection attributes.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_response.html">Protocol::HandshakeResponse41</a>
 */
public final class HandshakeResponse41Packet implements MySqlPacket {
    private final int capabilities;
    private final long maxPacketSize;
    private final int collation;
    private final String user;
    private final byte[] authResponse;
    private final String database;
    private final String authPlugin;
    private final Map<String, String> attributes;

    public HandshakeResponse41Packet(int capabilities, long maxPacketSize, int collation, String user, byte[] authResponse,
                                     String database, String authPlugin, Map<String, String> attributes) {
        this.capabilities = capabilities;
        this.maxPacketSize = maxPacketSize;
        this.collation = collation;
        this.user = user;
        this.authResponse = authResponse.clone();
        this.database = database;
        this.authPlugin = authPlugin;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** True when the payload is the short SSLRequest a client sends before starting TLS. */
    public static boolean isSslRequest(MySqlPayload payload) {
        return payload.readableBytes() == 32
                && (payload.byteBuf().getIntLE(payload.byteBuf().readerIndex()) & Capabilities.CLIENT_SSL) != 0;
    }

    /** Decodes the packet (the server side). */
    public HandshakeResponse41Packet(MySqlPayload payload) {
        this.capabilities = (int) payload.readInt4();
        if (!Capabilities.has(capabilities, Capabilities.CLIENT_PROTOCOL_41)) {
            throw new MalformedPacketException("client does not speak protocol 4.1");
        }
        this.maxPacketSize = payload.readInt4();
        this.collation = payload.readInt1();
        payload.skip(23);
        this.user = payload.readStringNul();
        if (Capabilities.has(capabilities, Capabilities.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
            this.authResponse = payload.readBytesLenenc();
        } else if (Capabilities.has(capabilities, Capabilities.CLIENT_SECURE_CONNECTION)) {
            this.authResponse = payload.readBytes(payload.readInt1());
        } else {
            this.authResponse = payload.readBytesNul();
        }
        String db = null;
        if (Capabilities.has(capabilities, Capabilities.CLIENT_CONNECT_WITH_DB) && payload.isReadable()) {
            db = payload.readStringNul();
        }
        this.database = db == null || db.isEmpty() ? null : db;
        this.authPlugin = Capabilities.has(capabilities, Capabilities.CLIENT_PLUGIN_AUTH) && payload.isReadable()
                ? payload.readStringNul() : null;
        Map<String, String> attrs = new LinkedHashMap<>();
        if (Capabilities.has(capabilities, Capabilities.CLIENT_CONNECT_ATTRS) && payload.isReadable()) {
            long length = payload.readIntLenenc();
            if (length < 0 || length > payload.readableBytes()) {
                throw new MalformedPacketException("connection attributes length " + length);
            }
            int end = payload.readableBytes() - (int) length;
            while (payload.readableBytes() > end) {
                String key = payload.readStringLenenc();
                String value = payload.readStringLenenc();
                attrs.put(key, value);
            }
            if (payload.readableBytes() != end) {
                throw new MalformedPacketException("connection attributes overrun their length");
            }
        }
        this.attributes = Collections.unmodifiableMap(attrs);
    }

    @Override
    public void write(MySqlPayload payload) {
        payload.writeInt4(capabilities);
        payload.writeInt4(maxPacketSize);
        payload.writeInt1(collation);
        payload.writeZero(23);
        payload.writeStringNul(user);
        if (Capabilities.has(capabilities, Capabilities.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
            payload.writeBytesLenenc(authResponse);
        } else {
            payload.writeInt1(authResponse.length);
            payload.writeBytes(authResponse);
        }
        if (Capabilities.has(capabilities, Capabilities.CLIENT_CONNECT_WITH_DB)) {
            payload.writeStringNul(database == null ? "" : database);
        }
        if (Capabilities.has(capabilities, Capabilities.CLIENT_PLUGIN_AUTH)) {
            payload.writeStringNul(authPlugin == null ? "" : authPlugin);
        }
        if (Capabilities.has(capabilities, Capabilities.CLIENT_CONNECT_ATTRS)) {
            ByteBuf attrs = Unpooled.buffer();
            try {
                MySqlPayload a = new MySqlPayload(attrs);
                attributes.forEach((k, v) -> a.writeStringLenenc(k).writeStringLenenc(v));
                payload.writeIntLenenc(attrs.readableBytes());
                payload.byteBuf().writeBytes(attrs);
            } finally {
                attrs.release();
            }
        }
    }

    public int capabilities() {
        return capabilities;
    }

    public long maxPacketSize() {
        return maxPacketSize;
    }

    public int collation() {
        return collation;
    }

    public String user() {
        return user;
    }

    public byte[] authResponse() {
        return authResponse.clone();
    }

    /** The database to start in, or null. */
    public String database() {
        return database;
    }

    /** The plugin the client used for {@link #authResponse()}, or null when it did not say. */
    public String authPlugin() {
        return authPlugin;
    }

    public Map<String, String> attributes() {
        return attributes;
    }
}
