package io.strata.rowstore.txn;

import io.strata.coordinator.tso.LocalTimestampOracle;
import io.strata.rowstore.command.RegionCommand;
import io.strata.rowstore.mvcc.Lock;
import io.strata.rowstore.mvcc.MvccKeys;
import io.strata.rowstore.store.LocalStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TxnHeartbeaterTest {
    @TempDir
    Path dir;

    @Test
    void extendsRegisteredPrimariesAndForgetsFinishedOnes() {
        byte[] p = "primary".getBytes(StandardCharsets.UTF_8);
        try (LocalStore store = LocalStore.inMemory(LocalTimestampOracle.open(dir));
             TxnHeartbeater hb = new TxnHeartbeater(store, 60_000)) {
            long start = store.tso().next().version();
            store.execute(new RegionCommand.AcquirePessimisticLock(List.of(p), p, start, start, 1_000));
            hb.register(p, start, System.nanoTime());
            hb.beat();
            Lock lock = store.reader().loadLock(MvccKeys.encode(p));
            assertTrue(lock.ttlMillis() >= 60_000, "ttl " + lock.ttlMillis());
            store.execute(new RegionCommand.PessimisticRollback(List.of(p), start));
            hb.beat();
            assertEquals(0, hb.registered());
        }
    }
}
