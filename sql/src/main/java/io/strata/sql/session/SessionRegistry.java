package io.strata.sql.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The live sessions of an engine, by connection id: what KILL and SHOW PROCESSLIST see. */
public final class SessionRegistry {
    private final ConcurrentMap<Long, StrataSession> sessions = new ConcurrentHashMap<>();
    private final long startMillis = System.currentTimeMillis();

    /** Seconds since the engine started (SHOW STATUS Uptime). */
    public long uptimeSeconds() {
        return (System.currentTimeMillis() - startMillis) / 1000;
    }

    public void register(StrataSession s) {
        sessions.put(s.info().connectionId(), s);
    }

    void remove(StrataSession s) {
        sessions.remove(s.info().connectionId(), s);
    }

    public Optional<StrataSession> find(long connectionId) {
        return Optional.ofNullable(sessions.get(connectionId));
    }

    public List<StrataSession> all() {
        List<StrataSession> list = new ArrayList<>(sessions.values());
        list.sort(Comparator.comparingLong(s -> s.info().connectionId()));
        return list;
    }
}
