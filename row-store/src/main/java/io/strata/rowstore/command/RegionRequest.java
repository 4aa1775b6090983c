package io.strata.rowstore.command;

import io.strata.spi.region.Region;

import static java.util.Objects.requireNonNull;

/**
 * A command addressed to a region as the proposer saw it: the payload of one Raft log entry. The
 * epoch lets the applying peer refuse a command routed with a stale view (after a split or a
 * membership change) instead of applying it to the wrong key range. The single-node
 * {@code LocalStore} applies commands in-process and does not wrap them.
 */
public record RegionRequest(long regionId, Region.RegionEpoch epoch, RegionCommand command) {
    public RegionRequest {
        requireNonNull(epoch, "epoch is null");
        requireNonNull(command, "command is null");
    }
}
