package io.strata.sql;

import io.strata.spi.ErrorCode;
import io.strata.spi.Key;
import io.strata.spi.kv.IsolationLevel;
import io.strata.spi.kv.KvIterator;
import io.strata.spi.kv.Transaction;
import io.strata.spi.kv.TxnKv;
import io.strata.spi.kv.TxnOptions;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST DOUBLE: wraps the real TxnKv and fails the next {@code n} commits of transactions that wrote
 * table data (keys starting with 't') with WRITE_CONFLICT, after rolling them back, as a store does
 * when another transaction committed first. Meta-key transactions (catalog, id allocation) pass.
 */
final class ConflictInjectingKv implements TxnKv {
    private final TxnKv delegate;
    final AtomicInteger conflictsToInject = new AtomicInteger();
    final AtomicInteger commitsAttempted = new AtomicInteger();

    ConflictInjectingKv(TxnKv delegate) {
        this.delegate = delegate;
    }

    @Override
    public Transaction begin(TxnOptions options) {
        return new Txn(delegate.begin(options));
    }

    @Override
    public long safePoint() {
        return delegate.safePoint();
    }

    @Override
    public void unsafeDestroyRange(Key start, Key end) {
        delegate.unsafeDestroyRange(start, end);
    }

    @Override
    public void close() {
        delegate.close();
    }

    private final class Txn implements Transaction {
        private final Transaction t;
        private boolean wroteData;

        Txn(Transaction t) {
            this.t = t;
        }

        @Override
        public long startTs() {
            return t.startTs();
        }

        @Override
        public long readTs() {
            return t.readTs();
        }

        @Override
        public IsolationLevel isolation() {
            return t.isolation();
        }

        @Override
        public byte[] get(Key key) {
            return t.get(key);
        }

        @Override
        public Map<Key, byte[]> batchGet(Collection<Key> keys) {
            return t.batchGet(keys);
        }

        @Override
        public KvIterator scan(Key start, Key end) {
            return t.scan(start, end);
        }

        @Override
        public KvIterator reverseScan(Key start, Key end) {
            return t.reverseScan(start, end);
        }

        @Override
        public void put(Key key, byte[] value) {
            wroteData |= key.length() > 0 && key.byteAt(0) == 't';
            t.put(key, value);
        }

        @Override
        public void delete(Key key) {
            wroteData |= key.length() > 0 && key.byteAt(0) == 't';
            t.delete(key);
        }

        @Override
        public void lockKeys(Collection<Key> keys) {
            t.lockKeys(keys);
        }

        @Override
        public void beginStatement() {
            t.beginStatement();
        }

        @Override
        public void rollbackStatement() {
            t.rollbackStatement();
        }

        @Override
        public boolean isReadOnly() {
            return t.isReadOnly();
        }

        @Override
        public long commit() {
            if (wroteData) {
                commitsAttempted.incrementAndGet();
                if (conflictsToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    t.rollback();
                    throw ErrorCode.WRITE_CONFLICT.error("injected");
                }
            }
            return t.commit();
        }

        @Override
        public void rollback() {
            t.rollback();
        }

        @Override
        public boolean isFinished() {
            return t.isFinished();
        }
    }
}
