package io.strata.rowstore.txn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WaitForGraphTest {
    @Test
    void refusesTheEdgeThatClosesACycle() {
        WaitForGraph g = new WaitForGraph();
        assertTrue(g.tryAddEdge(1, 2));
        assertTrue(g.tryAddEdge(2, 3));
        assertFalse(g.tryAddEdge(3, 1), "1 -> 2 -> 3 -> 1");
        assertTrue(g.tryAddEdge(4, 1), "waiting on a waiter is no cycle");
        assertEquals(3, g.size());
        g.removeEdge(2);
        assertTrue(g.tryAddEdge(3, 1), "the chain is broken once 2 stops waiting");
        assertFalse(g.tryAddEdge(5, 5), "waiting for oneself");
    }
}
