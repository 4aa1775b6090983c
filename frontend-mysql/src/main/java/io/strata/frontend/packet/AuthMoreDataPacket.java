package io.strata.frontend.packet;

/**
 * Plugin-specific data during authentication: for caching_sha2_password the one-byte verdicts
 * "fast auth succeeded" (3) and "perform full authentication" (4), or the server's RSA public key.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_auth_more_data.html">Protocol::AuthMoreData</a>
 */
public final class AuthMoreDataPacket implements MySqlPacket {
    public static final int HEADER = 0x01;

    private final byte[] data;

    public AuthMoreDataPacket(byte[] data) {
        this.data = data.clone();
    }

    @Override
    public void write(MySqlPayload payload) {
        payload.writeInt1(HEADER);
        payload.writeBytes(data);
    }
}
