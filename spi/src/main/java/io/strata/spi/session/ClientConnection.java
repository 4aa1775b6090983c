package io.strata.spi.session;

import java.io.InputStream;

/**
 * The client connection a session belongs to, as far as the SQL tier may act on it. The protocol
 * layer implements it; every method may be called from any thread.
 */
public interface ClientConnection {
    /** Closes the connection's socket (KILL CONNECTION, possibly from another session); does not wait. */
    void disconnect();

    /**
     * LOAD DATA LOCAL: asks the client for its file {@code fileName} and returns the content as
     * the client sends it. Call only while executing a statement, on the session's thread; the
     * caller must close the stream before the statement's result is returned (closing skips what
     * is left of the file). Reads fail with NET_READ_ERROR / NET_READ_INTERRUPTED when the client
     * goes away or stalls. Throws CLIENT_LOCAL_FILES_DISABLED when the client did not announce
     * CLIENT_LOCAL_FILES.
     */
    InputStream requestLocalFile(String fileName);
}
