package io.strata.rowstore.mvcc;

import io.strata.spi.codec.ByteReader;
import io.strata.spi.codec.ByteWriter;

import static java.util.Objects.requireNonNull;

/**
 * A commit record (value of the write CF, keyed by {@code enc(key) ++ ~commit_ts}).
 *
 * @param startTs    the committing transaction's start timestamp: where its value sits in the default CF
 * @param shortValue the value inline when short, so a point read needs no second lookup; else null
 *
 * Encoding: {@code version:u8=1, kind:u8, startTs:8, hasShort:u8, [len:uvarint, shortValue]}.
 */
public record Write(WriteKind kind, long startTs, byte[] shortValue) {
    private static final byte VERSION = 1;

    public Write {
        requireNonNull(kind, "kind is null");
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(12 + (shortValue == null ? 0 : shortValue.length + 5));
        w.put(VERSION).put(kind.code()).putLongBE(startTs);
        if (shortValue == null) {
            w.put((byte) 0);
        } else {
            w.put((byte) 1).putUVarint(shortValue.length).put(shortValue);
        }
        return w.toByteArray();
    }

    public static Write decode(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        byte version = r.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown write version " + version);
        }
        WriteKind kind = WriteKind.fromCode(r.get());
        long startTs = r.getLongBE();
        byte[] shortValue = r.get() == 0 ? null : r.getBytes((int) r.getUVarint());
        return new Write(kind, startTs, shortValue);
    }
}
