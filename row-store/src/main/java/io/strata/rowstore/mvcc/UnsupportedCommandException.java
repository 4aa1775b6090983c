package io.strata.rowstore.mvcc;

/** A well-formed command this store version cannot apply (for instance a split on a single-region store). */
public final class UnsupportedCommandException extends MvccException {
    public UnsupportedCommandException(String message) {
        super(message);
    }
}
