package io.strata.rowstore.txn;

import io.strata.rowstore.store.LocalStore;
import io.strata.rowstore.store.StoreOptions;
import io.strata.spi.TimestampOracle;

import java.nio.file.Path;

/** The contract with one-phase commit off: every commit takes the prewrite-then-commit path. */
class RocksTwoPhaseTxnKvTest extends AbstractTxnKvContractTest {
    @Override
    protected LocalStore openStore(Path dir, TimestampOracle tso) {
        return LocalStore.open(dir.resolve("store"), tso, StoreOptions.DEFAULT.withOnePhaseCommit(false));
    }
}
