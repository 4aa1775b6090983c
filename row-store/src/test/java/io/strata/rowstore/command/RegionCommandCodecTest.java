package io.strata.rowstore.command;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RegionCommandCodecTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void roundTrip(RegionCommand c) {
        byte[] bytes = RegionCommandCodec.encode(c);
        assertEquals(RegionCommandCodec.FORMAT_VERSION, bytes[0]);
        RegionCommand back = RegionCommandCodec.decode(bytes);
        assertEquals(c, back);
        assertArrayEquals(bytes, RegionCommandCodec.encode(back), "encoding is deterministic");
    }

    @Test
    void everyCommandRoundTrips() {
        byte[] big = new byte[100_000];
        new Random(1).nextBytes(big);
        roundTrip(new RegionCommand.Prewrite(List.of(Mutation.put(b("a"), b("1")), Mutation.delete(b("b")),
                Mutation.lock(b("c")), Mutation.put(b("d"), big), Mutation.put(b("e"), new byte[0])),
                b("a"), 123456789L << 18, 3000, 0));
        roundTrip(new RegionCommand.Prewrite(List.of(Mutation.put(new byte[0], b("x"))), new byte[0], 1, 0, Long.MAX_VALUE));
        roundTrip(new RegionCommand.OnePhaseCommit(List.of(Mutation.put(b("a"), b("1")), Mutation.delete(b("b")),
                Mutation.lock(b("c")), Mutation.put(b("d"), big)), 10, 20, 0));
        roundTrip(new RegionCommand.OnePhaseCommit(List.of(Mutation.put(new byte[0], b("x"))), 1, Long.MAX_VALUE, 5));
        roundTrip(new RegionCommand.Commit(List.of(b("a"), b("b")), 10, 20));
        roundTrip(new RegionCommand.Rollback(List.of(b("a")), 10));
        roundTrip(new RegionCommand.AcquirePessimisticLock(List.of(b("a"), b("z")), b("a"), 10, 15, 20_000));
        roundTrip(new RegionCommand.PessimisticRollback(List.of(b("q")), 99));
        roundTrip(new RegionCommand.ResolveLock(10, 0, List.of()));
        roundTrip(new RegionCommand.ResolveLock(10, 30, List.of(b("k1"), b("k2"))));
        roundTrip(new RegionCommand.Cleanup(b("p"), 10, 1L << 62));
        roundTrip(new RegionCommand.TxnHeartBeat(b("p"), 10, 60_000));
        roundTrip(new RegionCommand.Gc(b("a"), new byte[0], 1234567));
        roundTrip(new RegionCommand.DestroyRange(b("t1"), b("t2")));
        roundTrip(new RegionCommand.Split(1, b("m"), 2, List.of(11L, 12L, 13L)));
    }

    @Test
    void randomPrewritesRoundTrip() {
        Random rnd = new Random(42);
        for (int i = 0; i < 200; i++) {
            List<Mutation> ms = new ArrayList<>();
            int n = rnd.nextInt(20) + 1;
            for (int j = 0; j < n; j++) {
                byte[] key = new byte[rnd.nextInt(40)];
                rnd.nextBytes(key);
                int kind = rnd.nextInt(3);
                if (kind == 0) {
                    byte[] v = new byte[rnd.nextInt(600)];
                    rnd.nextBytes(v);
                    ms.add(Mutation.put(key, v));
                } else {
                    ms.add(kind == 1 ? Mutation.delete(key) : Mutation.lock(key));
                }
            }
            roundTrip(new RegionCommand.Prewrite(ms, ms.get(0).key(), rnd.nextLong() & Long.MAX_VALUE,
                    rnd.nextInt(100_000), rnd.nextBoolean() ? 0 : rnd.nextLong() & Long.MAX_VALUE));
        }
    }

    @Test
    void requestsCarryRegionAndEpoch() {
        RegionRequest req = new RegionRequest(7, new io.strata.spi.region.Region.RegionEpoch(3, 9),
                new RegionCommand.Commit(List.of(b("k")), 1, 2));
        byte[] bytes = RegionCommandCodec.encodeRequest(req);
        RegionRequest back = RegionCommandCodec.decodeRequest(bytes);
        assertEquals(req, back);
        assertThrows(IllegalArgumentException.class, () -> RegionCommandCodec.decodeRequest(
                RegionCommandCodec.encode(new RegionCommand.Rollback(List.of(b("a")), 5))));
    }

    @Test
    void fixedBytesOfACommitStayStable() {
        // the log format is persistent: these bytes must decode the same way forever
        byte[] bytes = RegionCommandCodec.encode(new RegionCommand.Commit(List.of(b("k")), 1, 2));
        assertArrayEquals(new byte[]{1, 2, 1, 1, 'k', 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2}, bytes);
    }

    @Test
    void rejectsUnknownVersionTagAndTrailingBytes() {
        byte[] ok = RegionCommandCodec.encode(new RegionCommand.Rollback(List.of(b("a")), 5));
        byte[] badVersion = ok.clone();
        badVersion[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> RegionCommandCodec.decode(badVersion));
        byte[] badTag = ok.clone();
        badTag[1] = 100;
        assertThrows(IllegalArgumentException.class, () -> RegionCommandCodec.decode(badTag));
        byte[] trailing = java.util.Arrays.copyOf(ok, ok.length + 1);
        assertThrows(IllegalArgumentException.class, () -> RegionCommandCodec.decode(trailing));
        byte[] truncated = java.util.Arrays.copyOf(ok, ok.length - 1);
        assertThrows(IllegalArgumentException.class, () -> RegionCommandCodec.decode(truncated));
    }

    @Test
    void mutationValueMustMatchOp() {
        assertThrows(IllegalArgumentException.class, () -> new Mutation(Mutation.Op.PUT, b("a"), null));
        assertThrows(IllegalArgumentException.class, () -> new Mutation(Mutation.Op.DELETE, b("a"), b("v")));
    }
}
