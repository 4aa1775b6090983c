package io.strata.spi.session;

/**
 * The client connection a session belongs to, as far as the SQL tier may act on it. The protocol
 * layer implements it; every method may be called from any thread.
 */
public interface ClientConnection {
    /** Closes the connection's socket (KILL CONNECTION, possibly from another session); does not wait. */
    void disconnect();
}
