package io.strata.spi.kv;

import java.util.Iterator;

/** Ordered iteration over a key range; must be closed (it may pin storage resources). */
public interface KvIterator extends Iterator<KvPair>, AutoCloseable {
    @Override
    void close();
}
