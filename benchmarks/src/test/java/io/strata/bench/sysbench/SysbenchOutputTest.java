package io.strata.bench.sysbench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SysbenchOutputTest {
    private static final String BLOCK = """
            SQL statistics:
                queries performed:
                    read:                            %d
                    write:                           0
                    other:                           0
                    total:                           %d
                transactions:                        %d  (%s per sec.)
                queries:                             %d  (%s per sec.)
                ignored errors:                      0      (0.00 per sec.)
                reconnects:                          0      (0.00 per sec.)

            General statistics:
                total time:                          2.0006s
                total number of events:              %d

            Latency (ms):
                     min:                                    0.06
                     avg:                                    %s
                     max:                                    6.05
                     95th percentile:                        %s
                     sum:                                 3987.85
            """;

    private static String block(int n, String rate, String avg, String p95) {
        return String.format(BLOCK, n, n, n, rate, n, rate, n, avg, p95);
    }

    @Test
    void theLastBlockCountsAfterAWarmUpCheckpoint() {
        String text = "Threads started!\n\n[ 2s ] Checkpoint report:\n" + block(12678, "6334.03", "0.31", "0.35") + "\n"
                + block(10599, "5285.78", "0.38", "1.55");
        SysbenchOutput o = SysbenchOutput.parse(text);
        assertTrue(o.ok());
        assertEquals(5285.78, o.tps());
        assertEquals(5285.78, o.qps());
        assertEquals(1.55, o.p95Millis());
        assertEquals(0.38, o.avgMillis());
        assertEquals(10599, o.transactions());
    }

    @Test
    void aFatalErrorIsAFailure() {
        SysbenchOutput o = SysbenchOutput.parse("""
                FATAL: mysql_drv_query() returned error 1064 (You have an error in your SQL syntax) for query 'SELECT ...'
                FATAL: `thread_run' function failed: ./oltp_common.lua:432: SQL error, errno = 1064
                """);
        assertFalse(o.ok());
        assertTrue(o.failure().orElseThrow().contains("1064"));
    }
}
