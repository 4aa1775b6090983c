package io.strata.spi;

/**
 * Hands out strictly increasing timestamps (the TSO). Implementations: the coordinator's
 * in-process oracle for the playground, and later a batching client of a remote PD.
 */
public interface TimestampOracle {
    /** A timestamp greater than every one this oracle handed out before, across restarts. */
    Timestamp next();
}
