package io.strata.frontend.packet;

import static java.util.Objects.requireNonNull;

/**
 * Asks the client to authenticate again with another plugin, over the given nonce.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_auth_switch_request.html">Protocol::AuthSwitchRequest</a>
 */
public final class AuthSwitchRequestPacket implements MySqlPacket {
    public static final int HEADER = 0xfe;

    private final String plugin;
    private final byte[] nonce;

    public AuthSwitchRequestPacket(String plugin, byte[] nonce) {
        this.plugin = requireNonNull(plugin, "plugin is null");
        this.nonce = nonce.clone();
    }

    @Override
    public void write(MySqlPayload payload) {
        payload.writeInt1(HEADER);
        payload.writeStringNul(plugin);
        payload.writeBytes(nonce);
        payload.writeInt1(0);
    }
}
