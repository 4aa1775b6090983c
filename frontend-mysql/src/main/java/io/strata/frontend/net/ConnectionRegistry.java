package io.strata.frontend.net;

import io.netty.channel.Channel;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's live connections by connection id (the id CONNECTION_ID() returns and KILL
 * takes), and the max-connections limit. Ids are unique for the life of one server.
 */
public final class ConnectionRegistry {
    private final int maxConnections;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, Channel> channels = new ConcurrentHashMap<>();

    public ConnectionRegistry(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public long nextId() {
        return nextId.getAndIncrement();
    }

    /** Registers a connection; false when the server is at its connection limit. */
    public synchronized boolean register(long connectionId, Channel channel) {
        if (channels.size() >= maxConnections) {
            return false;
        }
        channels.put(connectionId, channel);
        return true;
    }

    public void unregister(long connectionId) {
        channels.remove(connectionId);
    }

    public Optional<Channel> find(long connectionId) {
        return Optional.ofNullable(channels.get(connectionId));
    }

    public int size() {
        return channels.size();
    }

    public Collection<Channel> all() {
        return List.copyOf(channels.values());
    }
}
