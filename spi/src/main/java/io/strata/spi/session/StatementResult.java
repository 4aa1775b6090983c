package io.strata.spi.session;

/** The outcome of one statement: rows, or an OK with counts. */
public sealed interface StatementResult permits UpdateResult, QueryResult {
}
