package io.strata.sql.catalog;

import io.strata.spi.Key;
import io.strata.spi.codec.TableCodec;
import io.strata.spi.kv.KvIterator;
import io.strata.spi.kv.KvPair;
import io.strata.spi.kv.Transaction;
import io.strata.spi.kv.TxnKv;
import io.strata.spi.kv.TxnOptions;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Frees the storage of dropped tables, truncated tables and dropped indexes in the background, as
 * TiDB's delete-range does. The DDL that makes a key range unreachable records the range as a
 * job in its own transaction ({@link #schedule}) and returns at once, whatever the table's size;
 * this worker later destroys the range with {@link TxnKv#unsafeDestroyRange} (range tombstones,
 * no per-key transaction) and deletes the job.
 *
 * <p>A range is destroyed only once the safe point has passed a timestamp taken after the job
 * was first seen committed: by then every transaction that started before the DDL committed —
 * the only ones whose snapshot still shows the range — has finished. Jobs are catalog meta keys,
 * so a crash between the DDL and the destruction only delays it to the next start.
 */
public final class RangeDestroyer implements AutoCloseable {
    private static final String PREFIX = "gc/delete_range/";
    private static final System.Logger LOG = System.getLogger(RangeDestroyer.class.getName());

    private final TxnKv kv;
    private final ScheduledExecutorService executor;
    /** Job name → the read timestamp at which this node first saw it committed. Guarded by this. */
    private final Map<String, Long> firstSeen = new HashMap<>();

    private record Job(String name, Key metaKey, Key start, Key end) {
    }

    /**
     * @param pollMillis how often to look for jobs whose safe point has come (also woken by DDL);
     *                   0 starts no thread (tests call {@link #runOnce()})
     */
    public RangeDestroyer(TxnKv kv, long pollMillis) {
        this.kv = requireNonNull(kv, "kv is null");
        if (pollMillis > 0) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "strata-delete-range");
                t.setDaemon(true);
                return t;
            });
            executor.scheduleWithFixedDelay(this::runQuietly, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        } else {
            executor = null;
        }
    }

    /** Records, in the DDL's transaction, that {@code [start, end)} is to be destroyed. */
    public static void schedule(Transaction txn, Key start, Key end) {
        byte[] s = start.toByteArray();
        byte[] e = end.toByteArray();
        byte[] value = ByteBuffer.allocate(4 + s.length + e.length).putInt(s.length).put(s).put(e).array();
        txn.put(TableCodec.metaKey(PREFIX + java.util.HexFormat.of().formatHex(s)), value);
    }

    /** Looks for due jobs soon (after a DDL scheduled one). */
    public void wake() {
        if (executor != null && !executor.isShutdown()) {
            executor.execute(this::runQuietly);
        }
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "delete-range pass failed; retrying at the next poll", e);
        }
    }

    /** One pass: destroys the ranges whose safe point has come. Returns how many were destroyed. */
    public synchronized int runOnce() {
        List<Job> jobs = new ArrayList<>();
        long seenAt;
        try (Transaction txn = kv.begin(TxnOptions.DEFAULT)) {
            seenAt = txn.startTs();
            try (KvIterator it = txn.scan(CatalogStore.META_START, CatalogStore.META_END)) {
                while (it.hasNext()) {
                    KvPair p = it.next();
                    String name = TableCodec.decodeMetaKey(p.key());
                    if (name.startsWith(PREFIX)) {
                        ByteBuffer b = ByteBuffer.wrap(p.value());
                        byte[] s = new byte[b.getInt()];
                        b.get(s);
                        byte[] e = new byte[b.remaining()];
                        b.get(e);
                        jobs.add(new Job(name, p.key(), Key.own(s), Key.own(e)));
                    }
                }
            }
        }
        firstSeen.keySet().retainAll(jobs.stream().map(Job::name).toList());
        long safePoint = kv.safePoint();
        int destroyed = 0;
        for (Job job : jobs) {
            long since = firstSeen.computeIfAbsent(job.name(), n -> seenAt);
            if (safePoint <= since) {
                continue;
            }
            kv.unsafeDestroyRange(job.start(), job.end());
            try (Transaction txn = kv.begin(TxnOptions.DEFAULT)) {
                txn.delete(job.metaKey());
                txn.commit();
            }
            firstSeen.remove(job.name());
            destroyed++;
        }
        return destroyed;
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
