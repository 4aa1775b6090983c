package io.strata.frontend.auth;

/**
 * The authentication plugins this server speaks. Both verify against the digests a
 * {@code UserAccount} keeps, so any account can log in through either.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_authentication_methods.html">Authentication Methods</a>
 */
public enum AuthPlugin {
    /** SHA1 challenge-response; the server keeps SHA1(SHA1(password)). */
    MYSQL_NATIVE_PASSWORD("mysql_native_password"),
    /** SHA256 challenge-response for cached users, RSA-protected (or TLS) cleartext otherwise. */
    CACHING_SHA2_PASSWORD("caching_sha2_password");

    private final String protocolName;

    AuthPlugin(String protocolName) {
        this.protocolName = protocolName;
    }

    public String protocolName() {
        return protocolName;
    }

    /** The plugin with this wire name, or null for one we do not speak. */
    public static AuthPlugin fromProtocolName(String name) {
        for (AuthPlugin p : values()) {
            if (p.protocolName.equals(name)) {
                return p;
            }
        }
        return null;
    }
}
