package io.strata.spi.session;

import static java.util.Objects.requireNonNull;

/**
 * Who opened a session: fixed for its lifetime.
 *
 * @param connectionId the id CONNECTION_ID() returns and KILL takes
 * @param user         authenticated user name
 * @param host         client address as "host:port"
 * @param database     database named in the handshake, or null
 * @param multiStatements the client asked for CLIENT_MULTI_STATEMENTS
 * @param foundRows    the client asked for CLIENT_FOUND_ROWS (UPDATE reports matched, not changed, rows)
 */
public record SessionInfo(long connectionId, String user, String host, String database,
                          boolean multiStatements, boolean foundRows) {
    public SessionInfo {
        requireNonNull(user, "user is null");
        requireNonNull(host, "host is null");
    }
}
