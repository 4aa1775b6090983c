package io.strata.rowstore.txn;

import io.strata.spi.Key;
import io.strata.spi.kv.KvIterator;
import io.strata.spi.kv.KvPair;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Merges a snapshot scan with the transaction's write buffer (read-your-writes): on equal keys the
 * buffer wins, and buffered tombstones hide the stored row. Both inputs are in the same order
 * (ascending, or descending for a reverse scan).
 */
final class BufferMergingIterator implements KvIterator {
    private final KvIterator store;
    private final Iterator<Map.Entry<Key, byte[]>> buffer;
    private final byte[] tombstone;
    private final Comparator<Key> order;
    private KvPair storeHead;
    private Map.Entry<Key, byte[]> bufferHead;
    private KvPair next;

    BufferMergingIterator(KvIterator store, Iterator<Map.Entry<Key, byte[]>> buffer, byte[] tombstone, boolean reverse) {
        this.store = store;
        this.buffer = buffer;
        this.tombstone = tombstone;
        this.order = reverse ? Comparator.<Key>reverseOrder() : Comparator.<Key>naturalOrder();
        storeHead = store.hasNext() ? store.next() : null;
        bufferHead = buffer.hasNext() ? buffer.next() : null;
        advance();
    }

    private void advance() {
        next = null;
        while (next == null && (storeHead != null || bufferHead != null)) {
            int c;
            if (storeHead == null) {
                c = 1;
            } else if (bufferHead == null) {
                c = -1;
            } else {
                c = order.compare(storeHead.key(), bufferHead.getKey());
            }
            if (c < 0) {
                next = storeHead;
                storeHead = store.hasNext() ? store.next() : null;
            } else {
                if (c == 0) {
                    storeHead = store.hasNext() ? store.next() : null;
                }
                byte[] v = bufferHead.getValue();
                if (v != tombstone) {
                    next = new KvPair(bufferHead.getKey(), v.clone());
                }
                bufferHead = buffer.hasNext() ? buffer.next() : null;
            }
        }
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public KvPair next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        KvPair p = next;
        advance();
        return p;
    }

    @Override
    public void close() {
        store.close();
    }
}
