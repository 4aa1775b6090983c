package io.strata.spi.region;

import io.strata.spi.Key;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A Region is a contiguous key range {@code [start, end)} replicated as one Raft group. Its epoch
 * changes whenever the range (version) or the membership (confVersion) changes, so any request
 * routed with a stale view of the region can be detected and re-routed. An empty end key means
 * "to the end of the key space". Immutable: a split or membership change yields a new value.
 */
public record Region(long id, Key start, Key end, RegionEpoch epoch, List<Peer> peers) {
    public Region {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        requireNonNull(epoch, "epoch is null");
        peers = List.copyOf(peers);
    }

    public boolean contains(Key key) {
        return key.compareTo(start) >= 0 && (end.isEmpty() || key.compareTo(end) < 0);
    }

    public record RegionEpoch(long confVersion, long version) {
    }

    /** A replica of a region on a store; learners receive the log but do not vote. */
    public record Peer(long id, long storeId, boolean learner) {
    }
}
