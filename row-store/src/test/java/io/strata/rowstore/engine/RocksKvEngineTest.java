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
        return RocksKvEngine.open(dir.resolve("db"), 8L << 20);
    }

    @Test
    void dataSurvivesReopen() {
        engine.write(new WriteBatch().put(ColumnFamily.WRITE, b("durable"), b("yes")), true);
        engine.close();
        engine = RocksKvEngine.open(dir.resolve("db"), 8L << 20);
        assertArrayEquals(b("yes"), engine.get(ColumnFamily.WRITE, b("durable")));
    }

    /** Unbounded iterators share one native ReadOptions: closing one must leave the others usable. */
    @Test
    void unboundedIteratorsShareReadOptionsSafely() {
        engine.write(new WriteBatch().put(ColumnFamily.WRITE, b("a"), b("1")), false);
        EngineIterator first = engine.iterator(ColumnFamily.WRITE, null, null);
        try (EngineIterator second = engine.iterator(ColumnFamily.WRITE, null, null)) {
            second.seekToFirst();
            assertArrayEquals(b("a"), second.key());
        }
        first.seekToFirst();
        assertArrayEquals(b("1"), first.value());
        first.close();
        engine.write(new WriteBatch().put(ColumnFamily.WRITE, b("b"), b("2")), false);
        try (EngineIterator third = engine.iterator(ColumnFamily.WRITE, null, null)) {
            third.seek(b("b"));
            assertArrayEquals(b("2"), third.value()); // a later iterator sees later writes
        }
    }
}
