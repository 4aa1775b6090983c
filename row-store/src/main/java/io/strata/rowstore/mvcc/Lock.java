package io.strata.rowstore.mvcc;

import io.strata.spi.Timestamp;
import io.strata.spi.codec.ByteReader;
import io.strata.spi.codec.ByteWriter;

import static java.util.Objects.requireNonNull;

/**
 * A Percolator lock (value of the lock CF).
 *
 * @param primary     the user key of the transaction's primary lock, whose fate decides this one's
 * @param startTs     the owning transaction's start timestamp
 * @param ttlMillis   after {@code physical(startTs) + ttl} a reader may roll the transaction back
 * @param forUpdateTs for pessimistic locks the timestamp the conflict check used; 0 otherwise
 * @param shortValue  the value itself when short (kind PUT), else null and the value is in the default CF
 *
 * Encoding: {@code version:u8=1, kind:u8, startTs:8, ttl:uvarint, forUpdateTs:uvarint,
 * primaryLen:uvarint, primary, hasShort:u8, [len:uvarint, shortValue]}.
 */
public record Lock(LockKind kind, byte[] primary, long startTs, long ttlMillis, long forUpdateTs, byte[] shortValue) {
    private static final byte VERSION = 1;

    public Lock {
        requireNonNull(kind, "kind is null");
        requireNonNull(primary, "primary is null");
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(24 + primary.length + (shortValue == null ? 0 : shortValue.length + 5));
        w.put(VERSION).put(kind.code()).putLongBE(startTs).putUVarint(ttlMillis).putUVarint(forUpdateTs)
                .putUVarint(primary.length).put(primary);
        if (shortValue == null) {
            w.put((byte) 0);
        } else {
            w.put((byte) 1).putUVarint(shortValue.length).put(shortValue);
        }
        return w.toByteArray();
    }

    public static Lock decode(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        byte version = r.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown lock version " + version);
        }
        LockKind kind = LockKind.fromCode(r.get());
        long startTs = r.getLongBE();
        long ttl = r.getUVarint();
        long forUpdateTs = r.getUVarint();
        byte[] primary = r.getBytes((int) r.getUVarint());
        byte[] shortValue = r.get() == 0 ? null : r.getBytes((int) r.getUVarint());
        return new Lock(kind, primary, startTs, ttl, forUpdateTs, shortValue);
    }

    /** Whether the lock has outlived its TTL at {@code currentTs} (compared on the physical clock). */
    public boolean isExpired(long currentTs) {
        return (currentTs >>> Timestamp.LOGICAL_BITS)
                >= (startTs >>> Timestamp.LOGICAL_BITS) + ttlMillis;
    }

    public Lock withKind(LockKind newKind) {
        return new Lock(newKind, primary, startTs, ttlMillis, forUpdateTs, shortValue);
    }
}
