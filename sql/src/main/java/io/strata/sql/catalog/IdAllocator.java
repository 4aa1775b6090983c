package io.strata.sql.catalog;

import io.strata.spi.ErrorCode;
import io.strata.spi.Key;
import io.strata.spi.StrataException;
import io.strata.spi.codec.ByteReader;
import io.strata.spi.codec.ByteWriter;
import io.strata.spi.codec.TableCodec;
import io.strata.spi.kv.Transaction;
import io.strata.spi.kv.TxnKv;
import io.strata.spi.kv.TxnOptions;

import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Hands out ids from named sequences (table ids, hidden row ids, AUTO_INCREMENT values) in
 * batches. The persisted value of a sequence is its high-water mark: the largest id ever
 * reserved. A batch is reserved by raising the mark in a short transaction of its own, before
 * any id of the batch is handed out, so ids are never reused, not even after a crash or restart;
 * the price is a gap of at most one batch per restart (as TiDB's auto-id cache has).
 *
 * <p>Reservation transactions are separate from the statement's transaction on purpose: a
 * rolled-back INSERT does not give its AUTO_INCREMENT values back, as in MySQL.
 *
 * <p>Thread-safe; shared by all sessions of an engine.
 */
public final class IdAllocator {
    private static final int MAX_ATTEMPTS = 20;

    private final TxnKv kv;
    private final int batchSize;
    private final Map<String, Range> ranges = new HashMap<>();

    /** The ids [next, limit] are reserved and not yet handed out. */
    private static final class Range {
        long next;
        long limit;

        Range(long next, long limit) {
            this.next = next;
            this.limit = limit;
        }
    }

    public IdAllocator(TxnKv kv, int batchSize) {
        this.kv = requireNonNull(kv, "kv is null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.batchSize = batchSize;
    }

    public static Key sequenceKey(String sequence) {
        return TableCodec.metaKey("seq/" + sequence);
    }

    public static String tableIdSequence() {
        return "table_id";
    }

    public static String rowIdSequence(long tableId) {
        return "rowid/" + tableId;
    }

    public static String autoIncrementSequence(long tableId) {
        return "autoinc/" + tableId;
    }

    /** The next id of the sequence; the first id of a new sequence is 1. */
    public synchronized long next(String sequence) {
        Range r = ranges.get(sequence);
        if (r == null || r.next > r.limit) {
            r = reserve(sequence, 0, 1);
            ranges.put(sequence, r);
        }
        return r.next++;
    }

    /**
     * Reserves {@code count} consecutive ids and returns the first; used by multi-row INSERTs so
     * the values of one statement are consecutive whenever the cached range allows it.
     */
    public synchronized long nextBlock(String sequence, int count) {
        Range r = ranges.get(sequence);
        if (r == null || r.limit - r.next + 1 < count) {
            r = reserve(sequence, r == null ? 0 : r.next - 1, count);
            ranges.put(sequence, r);
        }
        long first = r.next;
        r.next += count;
        return first;
    }

    /**
     * Makes sure the sequence never hands out {@code used} or anything below it again: an explicit
     * AUTO_INCREMENT value larger than the counter raises the counter, as in MySQL.
     */
    public synchronized void rebase(String sequence, long used) {
        Range r = ranges.get(sequence);
        if (r != null && used < r.next) {
            return;
        }
        if (r != null && used < r.limit) {
            r.next = used + 1;
            return;
        }
        ranges.put(sequence, reserve(sequence, used, 1));
    }

    /** The id the sequence would hand out next, without consuming it (SHOW TABLE STATUS). */
    public synchronized long peek(String sequence, Transaction txn) {
        Range r = ranges.get(sequence);
        if (r != null) {
            return r.next;
        }
        byte[] v = txn.get(sequenceKey(sequence));
        return (v == null ? 0 : decode(v)) + 1;
    }

    /** Forgets the cached range (the sequence's table was dropped or truncated). */
    public synchronized void forget(String sequence) {
        ranges.remove(sequence);
    }

    /**
     * Raises the persisted mark to at least {@code atLeast + count} and at least the old mark plus
     * one batch; the returned range starts right after max(old mark, atLeast).
     */
    private Range reserve(String sequence, long atLeast, int count) {
        Key key = sequenceKey(sequence);
        StrataException last = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Transaction txn = kv.begin(TxnOptions.DEFAULT);
            try {
                byte[] v = txn.get(key);
                long mark = v == null ? 0 : decode(v);
                long base = Math.max(mark, atLeast);
                long newMark = base + Math.max(batchSize, count);
                if (newMark < base) {
                    throw ErrorCode.AUTOINC_READ_FAILED.error();
                }
                txn.put(key, encode(newMark));
                txn.commit();
                return new Range(base + 1, newMark);
            } catch (StrataException e) {
                txn.close();
                if (e.code() != ErrorCode.WRITE_CONFLICT && e.code() != ErrorCode.LOCK_WAIT_TIMEOUT) {
                    throw e;
                }
                last = e;
            }
        }
        throw new StrataException(ErrorCode.AUTOINC_READ_FAILED, ErrorCode.AUTOINC_READ_FAILED.format(), last);
    }

    static byte[] encode(long v) {
        return new ByteWriter(8).putLongBE(v).toByteArray();
    }

    static long decode(byte[] v) {
        return new ByteReader(v).getLongBE();
    }
}
