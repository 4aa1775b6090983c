package io.strata.frontend.net;

/** The client went away while a response was being written; the command is abandoned. */
public final class ConnectionClosedException extends RuntimeException {
    public ConnectionClosedException() {
        super("connection closed by client", null, false, false);
    }
}
