package io.strata.bench.tpcc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TpccRandomTest {
    @Test
    void lastNamesFollowTheSpecificationExample() {
        // TPC-C 4.3.2.3: 371 gives PRICALLYOUGHT, and 0..999 cover all 1000 names.
        assertEquals("PRICALLYOUGHT", TpccRandom.lastName(371));
        assertEquals("BARBARBAR", TpccRandom.lastName(0));
        assertEquals("EINGEINGEING", TpccRandom.lastName(999));
    }

    @Test
    void nonUniformDrawsStayInRange() {
        TpccRandom r = TpccRandom.seeded(1);
        for (int i = 0; i < 100_000; i++) {
            int c = r.customerId(3000);
            int item = r.itemId(100_000);
            int name = r.lastNameNumber(29);
            assertTrue(c >= 1 && c <= 3000, "customer " + c);
            assertTrue(item >= 1 && item <= 100_000, "item " + item);
            assertTrue(name >= 0 && name <= 29, "name " + name);
        }
    }

    @Test
    void theMixHasTheStandardShares() {
        int[] counts = new int[TxnType.values().length];
        for (int draw = 0; draw < 100; draw++) {
            counts[TxnType.pick(draw).ordinal()]++;
        }
        assertEquals(45, counts[TxnType.NEW_ORDER.ordinal()]);
        assertEquals(43, counts[TxnType.PAYMENT.ordinal()]);
        assertEquals(4, counts[TxnType.ORDER_STATUS.ordinal()]);
        assertEquals(4, counts[TxnType.DELIVERY.ordinal()]);
        assertEquals(4, counts[TxnType.STOCK_LEVEL.ordinal()]);
    }
}
