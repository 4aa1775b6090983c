package io.strata.rowstore.store;

import io.strata.coordinator.tso.LocalTimestampOracle;
import io.strata.rowstore.command.Mutation;
import io.strata.rowstore.command.RegionCommand;
import io.strata.spi.Key;
import io.strata.spi.TimestampOracle;
import io.strata.spi.kv.Transaction;
import io.strata.spi.kv.TxnOptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Child-JVM half of {@link CrashRecoveryTest}: commits rows (each a one-phase commit, the default
 * for a single-region store), leaves a prewritten transaction
 * behind (a coordinator that died mid-commit), then halts the JVM without closing anything —
 * the equivalent of kill -9 right after the last acknowledged commit.
 */
public final class CrashingWriter {
    private CrashingWriter() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        TimestampOracle tso = LocalTimestampOracle.open(dir.resolve("tso"));
        LocalStore store = LocalStore.open(dir.resolve("store"), tso, StoreOptions.DEFAULT);
        for (int i = 0; i < rows; i++) {
            try (Transaction t = store.txnKv().begin(TxnOptions.DEFAULT)) {
                t.put(key("row" + i), ("value" + i).getBytes(StandardCharsets.UTF_8));
                t.commit();
            }
        }
        long start = tso.next().version();
        store.execute(new RegionCommand.Prewrite(List.of(Mutation.put(bytes("row0"), bytes("uncommitted")),
                Mutation.put(bytes("orphan"), bytes("uncommitted"))), bytes("orphan"), start, 1_000, 0));
        System.out.println("COMMITTED " + rows);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    static Key key(String s) {
        return Key.of(bytes(s));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
