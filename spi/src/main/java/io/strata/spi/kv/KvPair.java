package io.strata.spi.kv;

import io.strata.spi.Key;

import static java.util.Objects.requireNonNull;

/** One key and its value as seen by a reader. The value array belongs to the reader. */
public record KvPair(Key key, byte[] value) {
    public KvPair {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
    }
}
