package io.strata.rowstore.engine;

class MemoryKvEngineTest extends AbstractKvEngineContractTest {
    @Override
    protected KvEngine createEngine() {
        return new MemoryKvEngine();
    }
}
