package io.strata.frontend.net;

import io.netty.channel.Channel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * Lets a worker thread wait until the channel's outbound buffer drains below its low water mark.
 * Netty flips {@link Channel#isWritable()} when pending bytes pass the high mark; the event loop
 * calls {@link #signal()} on every writability change and on close. This is what stops a worker
 * from pulling more rows than a slow client reads.
 *
 * <p>The wait is a {@link ForkJoinPool.ManagedBlocker}: on the server's fork-join worker pool a
 * blocked worker is compensated by a spare thread, so clients that stop reading cannot starve
 * the other connections of workers.
 */
public final class WritabilityGate {
    private final Channel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    public WritabilityGate(Channel channel) {
        this.channel = requireNonNull(channel, "channel is null");
    }

    /** Blocks until the channel is writable; returns false if it closed instead. */
    public boolean awaitWritable() {
        try {
            ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
                @Override
                public boolean block() throws InterruptedException {
                    lock.lock();
                    try {
                        if (!isReleasable()) {
                            // The timeout only guards against a missed signal; the caller re-checks.
                            changed.await(1, TimeUnit.SECONDS);
                        }
                    } finally {
                        lock.unlock();
                    }
                    return isReleasable();
                }

                @Override
                public boolean isReleasable() {
                    return !channel.isActive() || channel.isWritable();
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return channel.isActive();
    }

    public void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
