package io.strata.rowstore.mvcc;

/**
 * Base of the typed, internal MVCC errors a region returns (as TiKV's {@code KeyError}). They are
 * handled inside the transaction client (resolve a lock, retry, abort) and translated into a
 * {@code StrataException} only at the {@code Transaction} boundary. Stackless: they are control flow.
 */
public abstract class MvccException extends RuntimeException {
    protected MvccException(String message) {
        super(message, null, false, false);
    }
}
