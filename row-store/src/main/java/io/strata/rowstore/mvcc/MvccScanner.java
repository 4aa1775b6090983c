package io.strata.rowstore.mvcc;

import io.strata.rowstore.engine.EngineIterator;
import io.strata.spi.Key;
import io.strata.spi.kv.KvIterator;
import io.strata.spi.kv.KvPair;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * Walks the write CF key by key and yields, per user key, the value visible at readTs. Forward: the
 * versions of a key are met newest first, so after skipping those above readTs the first data
 * version decides. Reverse: the cursor lands on a key's oldest version, so the scanner re-seeks
 * into that key at readTs to decide, then jumps before the key's first version.
 */
public final class MvccScanner implements KvIterator {
    private static final byte[] MAX_TS_SUFFIX = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0};

    private static final int NEXTS_BEFORE_SEEK = 8;

    private final MvccReader reader;
    private final EngineIterator it;
    private final long readTs;
    private final boolean reverse;
    private KvPair nextPair;
    private boolean closed;

    MvccScanner(MvccReader reader, EngineIterator it, long readTs, boolean reverse) {
        this.reader = reader;
        this.it = it;
        this.readTs = readTs;
        this.reverse = reverse;
        if (reverse) {
            it.seekToLast();
        } else {
            it.seekToFirst();
        }
        advance();
    }

    private void advance() {
        nextPair = null;
        while (nextPair == null && it.valid()) {
            byte[] enc = MvccKeys.stripTs(it.key());
            byte[] value = reverse ? decideReverse(enc) : decideForward(enc);
            if (value != null) {
                nextPair = new KvPair(Key.own(MvccKeys.decode(enc)), value);
            }
        }
    }

    /** Decides the value of {@code enc} and leaves the cursor on the next user key. */
    private byte[] decideForward(byte[] enc) {
        byte[] result = null;
        boolean decided = false;
        if (MvccKeys.tsOf(it.key()) > readTs) {
            it.seek(MvccKeys.withTs(enc, readTs));
        }
        while (it.valid() && MvccKeys.isVersionOf(it.key(), enc)) {
            Write w = Write.decode(it.value());
            if (w.kind() == WriteKind.PUT) {
                result = reader.valueOf(enc, w);
                decided = true;
                break;
            } else if (w.kind() == WriteKind.DELETE) {
                decided = true;
                break;
            }
            it.next();
        }
        if (decided) {
            skipRestOfVersions(enc);
        }
        return result;
    }

    /**
     * Moves to the first key after every version of {@code enc}. Most keys have one or two
     * versions, so a few next() calls (cheap) usually get there; a seek (a binary search in every
     * level) only when the key has many old versions, as TiKV's scanner does.
     */
    private void skipRestOfVersions(byte[] enc) {
        for (int i = 0; i < NEXTS_BEFORE_SEEK; i++) {
            it.next();
            if (!it.valid() || !MvccKeys.isVersionOf(it.key(), enc)) {
                return;
            }
        }
        it.seek(concat(enc, MAX_TS_SUFFIX)); // first key after every version of enc
    }

    private byte[] decideReverse(byte[] enc) {
        byte[] result = null;
        it.seek(MvccKeys.withTs(enc, readTs));
        while (it.valid() && MvccKeys.isVersionOf(it.key(), enc)) {
            Write w = Write.decode(it.value());
            if (w.kind() == WriteKind.PUT) {
                result = reader.valueOf(enc, w);
                break;
            } else if (w.kind() == WriteKind.DELETE) {
                break;
            }
            it.next();
        }
        it.seekForPrev(enc); // enc sorts before all its versions and after every smaller key's
        return result;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public boolean hasNext() {
        return nextPair != null;
    }

    @Override
    public KvPair next() {
        if (nextPair == null) {
            throw new NoSuchElementException();
        }
        KvPair p = nextPair;
        advance();
        return p;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            it.close();
        }
    }
}
