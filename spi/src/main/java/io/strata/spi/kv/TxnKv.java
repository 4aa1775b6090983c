package io.strata.spi.kv;

/**
 * The transactional key-value service the SQL layer runs on. In the playground it is backed by
 * local regions; later by a client that routes to remote regions. Both pass the same contract tests.
 */
public interface TxnKv extends AutoCloseable {
    Transaction begin(TxnOptions options);

    @Override
    void close();
}
