package io.strata.rowstore.command;

import io.strata.spi.codec.ByteReader;
import io.strata.spi.codec.ByteWriter;
import io.strata.spi.region.Region;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stable binary form of a {@link RegionCommand}, the bytes of a Raft log entry. Layout:
 * <pre>
 *   format version:u8 (= 1), command tag:u8, then the fields in declaration order:
 *     long       8 bytes big-endian        (timestamps)
 *     uvarint    for TTLs and counts
 *     bytes      uvarint length, then the bytes
 *     list       uvarint count, then the elements
 *     mutation   op:u8, key:bytes, [value:bytes when op = PUT]
 * </pre>
 * Tags never change meaning once released; a new command gets a new tag, and a new field a new
 * format version, so an old log always decodes.
 */
public final class RegionCommandCodec {
    public static final byte FORMAT_VERSION = 1;

    static final byte TAG_PREWRITE = 1;
    static final byte TAG_COMMIT = 2;
    static final byte TAG_ROLLBACK = 3;
    static final byte TAG_PESSIMISTIC_LOCK = 4;
    static final byte TAG_PESSIMISTIC_ROLLBACK = 5;
    static final byte TAG_RESOLVE_LOCK = 6;
    static final byte TAG_CLEANUP = 7;
    static final byte TAG_TXN_HEART_BEAT = 8;
    static final byte TAG_GC = 9;
    static final byte TAG_ONE_PHASE_COMMIT = 10;
    static final byte TAG_DESTROY_RANGE = 11;
    static final byte TAG_SPLIT = 64;
    /** Marks a {@link RegionRequest}: header fields, then the command's own encoding. */
    static final byte TAG_REQUEST = (byte) 0xF0;

    private RegionCommandCodec() {
    }

    public static byte[] encode(RegionCommand command) {
        ByteWriter w = new ByteWriter(64);
        w.put(FORMAT_VERSION);
        if (command instanceof RegionCommand.Prewrite p) {
            w.put(TAG_PREWRITE);
            mutations(w, p.mutations());
            bytes(w, p.primary());
            w.putLongBE(p.startTs()).putUVarint(p.lockTtlMillis()).putLongBE(p.forUpdateTs());
        } else if (command instanceof RegionCommand.OnePhaseCommit c) {
            w.put(TAG_ONE_PHASE_COMMIT);
            mutations(w, c.mutations());
            w.putLongBE(c.startTs()).putLongBE(c.commitTs()).putLongBE(c.forUpdateTs());
        } else if (command instanceof RegionCommand.Commit c) {
            w.put(TAG_COMMIT);
            keys(w, c.keys());
            w.putLongBE(c.startTs()).putLongBE(c.commitTs());
        } else if (command instanceof RegionCommand.Rollback r) {
            w.put(TAG_ROLLBACK);
            keys(w, r.keys());
            w.putLongBE(r.startTs());
        } else if (command instanceof RegionCommand.AcquirePessimisticLock a) {
            w.put(TAG_PESSIMISTIC_LOCK);
            keys(w, a.keys());
            bytes(w, a.primary());
            w.putLongBE(a.startTs()).putLongBE(a.forUpdateTs()).putUVarint(a.lockTtlMillis());
        } else if (command instanceof RegionCommand.PessimisticRollback r) {
            w.put(TAG_PESSIMISTIC_ROLLBACK);
            keys(w, r.keys());
            w.putLongBE(r.startTs());
        } else if (command instanceof RegionCommand.ResolveLock r) {
            w.put(TAG_RESOLVE_LOCK).putLongBE(r.startTs()).putLongBE(r.commitTs());
            keys(w, r.keys());
        } else if (command instanceof RegionCommand.Cleanup c) {
            w.put(TAG_CLEANUP);
            bytes(w, c.primary());
            w.putLongBE(c.lockTs()).putLongBE(c.currentTs());
        } else if (command instanceof RegionCommand.TxnHeartBeat h) {
            w.put(TAG_TXN_HEART_BEAT);
            bytes(w, h.primary());
            w.putLongBE(h.startTs()).putUVarint(h.adviseTtlMillis());
        } else if (command instanceof RegionCommand.Gc g) {
            w.put(TAG_GC);
            bytes(w, g.startKey());
            bytes(w, g.endKey());
            w.putLongBE(g.safePoint());
        } else if (command instanceof RegionCommand.DestroyRange d) {
            w.put(TAG_DESTROY_RANGE);
            bytes(w, d.startKey());
            bytes(w, d.endKey());
        } else if (command instanceof RegionCommand.Split s) {
            w.put(TAG_SPLIT).putUVarint(s.regionId());
            bytes(w, s.splitKey());
            w.putUVarint(s.newRegionId()).putUVarint(s.newPeerIds().size());
            for (long id : s.newPeerIds()) {
                w.putUVarint(id);
            }
        } else {
            throw new IllegalArgumentException("unknown command " + command);
        }
        return w.toByteArray();
    }

    /**
     * Encodes a request: {@code version:u8, TAG_REQUEST, regionId:uvarint, confVersion:uvarint,
     * version:uvarint}, followed by the command exactly as {@link #encode(RegionCommand)} writes it.
     */
    public static byte[] encodeRequest(RegionRequest request) {
        byte[] cmd = encode(request.command());
        ByteWriter w = new ByteWriter(cmd.length + 32);
        w.put(FORMAT_VERSION).put(TAG_REQUEST).putUVarint(request.regionId())
                .putUVarint(request.epoch().confVersion()).putUVarint(request.epoch().version()).put(cmd);
        return w.toByteArray();
    }

    public static RegionRequest decodeRequest(byte[] data) {
        ByteReader r = new ByteReader(data);
        byte version = r.get();
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("unknown region command format version " + version);
        }
        if (r.get() != TAG_REQUEST) {
            throw new IllegalArgumentException("not a region request");
        }
        long regionId = r.getUVarint();
        Region.RegionEpoch epoch =
                new Region.RegionEpoch(r.getUVarint(), r.getUVarint());
        int start = r.position();
        RegionCommand command = decode(Arrays.copyOfRange(data, start, data.length));
        return new RegionRequest(regionId, epoch, command);
    }

    public static RegionCommand decode(byte[] data) {
        ByteReader r = new ByteReader(data);
        byte version = r.get();
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("unknown region command format version " + version);
        }
        byte tag = r.get();
        RegionCommand cmd = switch (tag) {
            case TAG_PREWRITE -> {
                List<Mutation> ms = mutations(r);
                byte[] primary = bytes(r);
                yield new RegionCommand.Prewrite(ms, primary, r.getLongBE(), r.getUVarint(), r.getLongBE());
            }
            case TAG_ONE_PHASE_COMMIT -> new RegionCommand.OnePhaseCommit(mutations(r), r.getLongBE(), r.getLongBE(), r.getLongBE());
            case TAG_COMMIT -> new RegionCommand.Commit(keys(r), r.getLongBE(), r.getLongBE());
            case TAG_ROLLBACK -> new RegionCommand.Rollback(keys(r), r.getLongBE());
            case TAG_PESSIMISTIC_LOCK -> {
                List<byte[]> keys = keys(r);
                byte[] primary = bytes(r);
                yield new RegionCommand.AcquirePessimisticLock(keys, primary, r.getLongBE(), r.getLongBE(), r.getUVarint());
            }
            case TAG_PESSIMISTIC_ROLLBACK -> new RegionCommand.PessimisticRollback(keys(r), r.getLongBE());
            case TAG_RESOLVE_LOCK -> {
                long startTs = r.getLongBE();
                long commitTs = r.getLongBE();
                yield new RegionCommand.ResolveLock(startTs, commitTs, keys(r));
            }
            case TAG_CLEANUP -> new RegionCommand.Cleanup(bytes(r), r.getLongBE(), r.getLongBE());
            case TAG_TXN_HEART_BEAT -> new RegionCommand.TxnHeartBeat(bytes(r), r.getLongBE(), r.getUVarint());
            case TAG_GC -> new RegionCommand.Gc(bytes(r), bytes(r), r.getLongBE());
            case TAG_DESTROY_RANGE -> new RegionCommand.DestroyRange(bytes(r), bytes(r));
            case TAG_SPLIT -> {
                long regionId = r.getUVarint();
                byte[] splitKey = bytes(r);
                long newRegionId = r.getUVarint();
                int n = count(r);
                List<Long> peers = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    peers.add(r.getUVarint());
                }
                yield new RegionCommand.Split(regionId, splitKey, newRegionId, peers);
            }
            default -> throw new IllegalArgumentException("unknown region command tag " + tag);
        };
        if (r.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes after region command");
        }
        return cmd;
    }

    private static void bytes(ByteWriter w, byte[] b) {
        w.putUVarint(b.length).put(b);
    }

    private static void keys(ByteWriter w, List<byte[]> keys) {
        w.putUVarint(keys.size());
        for (byte[] k : keys) {
            bytes(w, k);
        }
    }

    private static void mutations(ByteWriter w, List<Mutation> mutations) {
        w.putUVarint(mutations.size());
        for (Mutation m : mutations) {
            w.put(m.op().code());
            bytes(w, m.key());
            if (m.op() == Mutation.Op.PUT) {
                bytes(w, m.value());
            }
        }
    }

    private static List<Mutation> mutations(ByteReader r) {
        int n = count(r);
        List<Mutation> ms = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            Mutation.Op op = Mutation.Op.fromCode(r.get());
            byte[] key = bytes(r);
            byte[] value = op == Mutation.Op.PUT ? bytes(r) : null;
            ms.add(new Mutation(op, key, value));
        }
        return ms;
    }

    private static int count(ByteReader r) {
        long n = r.getUVarint();
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad count " + n);
        }
        return (int) n;
    }

    private static byte[] bytes(ByteReader r) {
        return r.getBytes(count(r));
    }

    private static List<byte[]> keys(ByteReader r) {
        int n = count(r);
        List<byte[]> keys = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            keys.add(bytes(r));
        }
        return keys;
    }
}
