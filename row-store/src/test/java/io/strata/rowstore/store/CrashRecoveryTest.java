package io.strata.rowstore.store;

import io.strata.coordinator.tso.LocalTimestampOracle;
import io.strata.spi.Key;
import io.strata.spi.kv.Transaction;
import io.strata.spi.kv.TxnOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commits in a child JVM that halts without closing RocksDB; the data must be there on reopen. */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void committedDataSurvivesAHaltedJvmAndLeftoverLocksResolveByTtl() throws Exception {
        int rows = 50;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(), dir.toString(), Integer.toString(rows))
                .redirectErrorStream(true)
                .start();
        String output;
        try {
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child did not finish");
            output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | InterruptedException e) {
            child.destroyForcibly();
            throw e;
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("COMMITTED " + rows), output);

        AtomicLong skew = new AtomicLong();
        LocalTimestampOracle tso = new LocalTimestampOracle(dir.resolve("tso"),
                () -> System.currentTimeMillis() + skew.get(), Duration.ofSeconds(3));
        try (LocalStore store = LocalStore.open(dir.resolve("store"), tso, StoreOptions.DEFAULT)) {
            skew.set(10_000); // the orphaned prewrite's 1 s TTL has passed
            try (Transaction t = store.txnKv().begin(TxnOptions.DEFAULT)) {
                for (int i = 0; i < rows; i++) {
                    assertArrayEquals(("value" + i).getBytes(StandardCharsets.UTF_8), t.get(CrashingWriter.key("row" + i)), "row" + i);
                }
                assertNull(t.get(CrashingWriter.key("orphan")), "the crashed transaction is rolled back");
            }
            try (Transaction t = store.txnKv().begin(TxnOptions.DEFAULT)) {
                t.put(CrashingWriter.key("orphan"), CrashingWriter.bytes("after"));
                t.put(CrashingWriter.key("row0"), CrashingWriter.bytes("after"));
                assertTrue(t.commit() > 0);
            }
            try (Transaction t = store.txnKv().begin(TxnOptions.DEFAULT)) {
                assertArrayEquals(CrashingWriter.bytes("after"), t.get(Key.of(CrashingWriter.bytes("row0"))));
            }
        }
    }
}
