package io.strata.frontend.packet;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * The server's greeting: protocol version 10, server version, connection id, the 20-byte nonce
 * (split 8 + 12 for historical reasons), capabilities, default collation, status and the name of
 * the authentication plugin the nonce is meant for.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_v10.html">Protocol::HandshakeV10</a>
 */
public final class HandshakeV10Packet implements MySqlPacket {
    public static final int PROTOCOL_VERSION = 10;

    private final String serverVersion;
    private final long connectionId;
    private final byte[] nonce;
    private final int capabilities;
    private final int collation;
    private final int statusFlags;
    private final String authPlugin;

    public HandshakeV10Packet(String serverVersion, long connectionId, byte[] nonce, int capabilities, int collation,
                              int statusFlags, String authPlugin) {
        this.serverVersion = requireNonNull(serverVersion, "serverVersion is null");
        this.connectionId = connectionId;
        if (nonce.length != 20) {
            throw new IllegalArgumentException("nonce must be 20 bytes");
        }
        this.nonce = nonce.clone();
        this.capabilities = capabilities;
        this.collation = collation;
        this.statusFlags = statusFlags;
        this.authPlugin = requireNonNull(authPlugin, "authPlugin is null");
    }

    /** Decodes a greeting (used by tests that act as a client). */
    public static HandshakeV10Packet decode(MySqlPayload payload) {
        int protocol = payload.readInt1();
        if (protocol != PROTOCOL_VERSION) {
            throw new MalformedPacketException("protocol version " + protocol);
        }
        String version = payload.readStringNul();
        long connectionId = payload.readInt4();
        byte[] part1 = payload.readBytes(8);
        payload.skip(1);
        int capabilities = payload.readInt2();
        int collation = payload.readInt1();
        int status = payload.readInt2();
        capabilities |= payload.readInt2() << 16;
        int authDataLength = payload.readInt1();
        payload.skip(10);
        byte[] part2 = payload.readBytes(Math.max(13, authDataLength - 8));
        String plugin = payload.readStringNul();
        byte[] nonce = new byte[20];
        System.arraycopy(part1, 0, nonce, 0, 8);
        System.arraycopy(part2, 0, nonce, 8, 12);
        return new HandshakeV10Packet(version, connectionId, nonce, capabilities, collation, status, plugin);
    }

    @Override
    public void write(MySqlPayload payload) {
        payload.writeInt1(PROTOCOL_VERSION);
        payload.writeStringNul(serverVersion);
        payload.writeInt4(connectionId);
        payload.writeBytes(Arrays.copyOfRange(nonce, 0, 8));
        payload.writeInt1(0);
        payload.writeInt2(capabilities & 0xffff);
        payload.writeInt1(collation);
        payload.writeInt2(statusFlags);
        payload.writeInt2(capabilities >>> 16);
        payload.writeInt1(nonce.length + 1);
        payload.writeZero(10);
        payload.writeBytes(Arrays.copyOfRange(nonce, 8, 20));
        payload.writeInt1(0);
        payload.writeStringNul(authPlugin);
    }

    public String serverVersion() {
        return serverVersion;
    }

    public long connectionId() {
        return connectionId;
    }

    public byte[] nonce() {
        return nonce.clone();
    }

    public int capabilities() {
        return capabilities;
    }

    public String authPlugin() {
        return authPlugin;
    }
}
