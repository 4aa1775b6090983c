package io.strata.rowstore.txn;

import java.util.HashMap;
import java.util.Map;

/**
 * Deadlock detection for pessimistic lock waits: an edge {@code waiter -> holder} (by start
 * timestamp) exists while a transaction waits for another's lock. A transaction waits for one lock
 * at a time, so each node has at most one outgoing edge and a cycle check is a walk. The transaction
 * whose new edge would close a cycle is the victim (MySQL error 1213). One instance per
 * {@code TxnKv}; a distributed deployment would host it at one place, as TiKV does on the leader of
 * the first region.
 */
public final class WaitForGraph {
    private final Map<Long, Long> waitsFor = new HashMap<>();

    /** Adds {@code waiter -> holder} unless it would close a cycle; returns false (edge not added) on deadlock. */
    public synchronized boolean tryAddEdge(long waiter, long holder) {
        Long cur = holder;
        int guard = waitsFor.size() + 1;
        while (cur != null && guard-- >= 0) {
            if (cur == waiter) {
                return false;
            }
            cur = waitsFor.get(cur);
        }
        waitsFor.put(waiter, holder);
        return true;
    }

    public synchronized void removeEdge(long waiter) {
        waitsFor.remove(waiter);
    }

    synchronized int size() {
        return waitsFor.size();
    }
}
