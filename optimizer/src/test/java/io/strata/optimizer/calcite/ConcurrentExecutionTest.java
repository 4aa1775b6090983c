package io.strata.optimizer.calcite;

import io.strata.spi.session.QueryResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One planner, many sessions: cached plans are shared across threads, contexts are not. */
class ConcurrentExecutionTest extends PlannerFixture {
    @Test
    void sharedPlansGiveEachSessionItsOwnResults() throws Exception {
        String[] names = {"alice", "bob", "carol", "dave"};
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                final int thread = t;
                futures.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 200; i++) {
                        long id = (thread + i) % 4 + 1;
                        TestContextDouble c = new TestContextDouble("shop", catalog, tables);
                        c.parameters = new Object[]{id};
                        c.userVars.put("tag", "t" + thread);
                        try (QueryResult r = planner.query(parse("select name, @tag from users where id = ?"), c)) {
                            Object[] row = r.rows().next();
                            assertEquals(names[(int) id - 1], row[0]);
                            assertEquals("t" + thread, row[1]);
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : futures) {
                assertEquals(200, f.get(60, TimeUnit.SECONDS));
            }
            assertTrue(planner.cachedPlans() >= 1);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }
}
