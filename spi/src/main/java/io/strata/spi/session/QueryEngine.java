package io.strata.spi.session;

import java.util.Optional;

/** The SQL tier as the protocol layer sees it: accounts, and sessions to run statements in. */
public interface QueryEngine {
    /** The account matching user and client host, if any. */
    Optional<UserAccount> findAccount(String user, String host);

    /**
     * Opens a session after authentication. Throws BAD_DB_ERROR if {@code info.database()} does not
     * exist. {@code connection} is how KILL reaches the session's socket.
     */
    SqlSession openSession(SessionInfo info, ClientConnection connection);

    /** Server version string sent in the handshake and returned by VERSION(). */
    String serverVersion();
}
