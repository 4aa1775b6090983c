package io.strata.rowstore.engine;

/** A failure of the storage engine itself (I/O, corruption); not retriable by a transaction. */
public final class EngineException extends RuntimeException {
    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
