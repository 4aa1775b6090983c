package io.strata.rowstore.mvcc;

import static java.util.Objects.requireNonNull;

/** A commit record together with the commit timestamp taken from its key. */
public record VersionedWrite(long commitTs, Write write) {
    public VersionedWrite {
        requireNonNull(write, "write is null");
    }
}
