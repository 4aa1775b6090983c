package io.strata.bench.jmh;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three implementations BenchmarkArrowScan compares give the same answers (on a small run). */
class BenchmarkArrowScanTest {
    @Test
    void everyImplementationAnswersTheSame() {
        BenchmarkArrowScan b = new BenchmarkArrowScan();
        b.rows = 20_000;
        b.impl = "arrow";
        b.setup();
        try {
            List<String> q1 = render(b.q1());
            List<String> q6 = render(b.q6());
            assertEquals(4, q1.size(), "Q1 groups (returnflag, linestatus): " + q1);
            assertTrue(q1.stream().anyMatch(r -> r.startsWith("R|F|")), q1.toString());
            Object[] q6Row = b.q6().get(0);
            assertTrue(((BigDecimal) q6Row[0]).signum() > 0 && (Long) q6Row[1] > 0, Arrays.toString(q6Row));
            for (String impl : List.of("decodedRows", "encodedRows")) {
                b.impl = impl;
                assertEquals(q1, render(b.q1()), impl);
                assertEquals(q6, render(b.q6()), impl);
            }
        } finally {
            b.tearDown();
        }
    }

    private static List<String> render(List<Object[]> rows) {
        return rows.stream().map(r -> String.join("|", Arrays.stream(r).map(v -> v instanceof BigDecimal d ? d.toPlainString()
                : String.valueOf(v)).toList())).sorted().toList();
    }
}
