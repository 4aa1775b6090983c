package io.strata.rowstore.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class RocksKvEngineTest extends AbstractKvEngineContractTest {
    @TempDir
    Path dir;

    @Override
    protected KvEngine createEngine() {
        return RocksKvEngine.open(dir.resolve("db"));
    }

    @Test
    void dataSurvivesReopen() {
        engine.write(new WriteBatch().put(ColumnFamily.WRITE, b("durable"), b("yes")), true);
        engine.close();
        engine = RocksKvEngine.open(dir.resolve("db"));
        assertArrayEquals(b("yes"), engine.get(ColumnFamily.WRITE, b("durable")));
    }
}
