package io.strata.rowstore.txn;

import io.strata.rowstore.store.LocalStore;
import io.strata.spi.TimestampOracle;

import java.nio.file.Path;

class MemoryTxnKvTest extends AbstractTxnKvContractTest {
    @Override
    protected LocalStore openStore(Path dir, TimestampOracle tso) {
        return LocalStore.inMemory(tso);
    }
}
