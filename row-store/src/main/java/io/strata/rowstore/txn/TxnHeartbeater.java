package io.strata.rowstore.txn;

import io.strata.rowstore.command.RegionCommand;
import io.strata.rowstore.mvcc.TxnLockNotFoundException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the primary locks of open pessimistic transactions alive. A lock's TTL counts from its
 * transaction's start, so a session that holds SELECT ... FOR UPDATE locks and thinks for longer
 * than the TTL would otherwise be rolled back by the first transaction that meets one of its locks.
 * One daemon thread per {@link TxnKvClient} raises each registered primary's TTL to
 * {@code elapsed + ttl} every {@code ttl / 3}.
 */
final class TxnHeartbeater implements AutoCloseable {
    private record Target(byte[] primary, long startTs, long beganNanos) {
    }

    private final KvBackend backend;
    private final long ttlMillis;
    private final Map<Long, Target> targets = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;

    TxnHeartbeater(KvBackend backend, long ttlMillis) {
        this.backend = backend;
        this.ttlMillis = ttlMillis;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "strata-txn-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, ttlMillis / 3);
        scheduler.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    void register(byte[] primary, long startTs, long beganNanos) {
        targets.put(startTs, new Target(primary.clone(), startTs, beganNanos));
    }

    void unregister(long startTs) {
        targets.remove(startTs);
    }

    int registered() {
        return targets.size();
    }

    /** One round: extends every registered primary; drops transactions whose primary lock is gone. */
    void beat() {
        for (Target t : targets.values()) {
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t.beganNanos());
            try {
                backend.execute(new RegionCommand.TxnHeartBeat(t.primary(), t.startTs(), elapsed + ttlMillis));
            } catch (TxnLockNotFoundException e) {
                targets.remove(t.startTs());
            } catch (RuntimeException e) {
                // the store is closing or busy: the next round tries again
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        targets.clear();
    }
}
