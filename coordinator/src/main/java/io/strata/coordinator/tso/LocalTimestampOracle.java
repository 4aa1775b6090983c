package io.strata.coordinator.tso;

import io.strata.spi.Timestamp;
import io.strata.spi.TimestampOracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * The in-process timestamp oracle of the playground (PD's TSO without Raft).
 *
 * <p>Timestamps are {@code physicalMillis << 18 | logical}. The oracle keeps, in a file of its data
 * directory, an upper bound (the <em>window limit</em>) that every timestamp handed out so far is
 * below. The invariant that makes timestamps strictly increasing across restarts:
 * <pre>
 *   every issued timestamp  &lt;  persisted limit   (before it is issued)
 *   after a restart, the first timestamp  &gt;  persisted limit
 * </pre>
 * so a restart with a wall clock that went back still continues above everything issued before.
 * The hot path allocates from the window in memory under a short monitor; the file is rewritten
 * (temp file, fsync, atomic rename) only when the window is used up, one window ahead of the clock.
 *
 * <p>When the logical counter overflows within one millisecond the timestamp simply carries into
 * the physical part, i.e. the oracle runs slightly ahead of the clock; the window check still holds.
 */
public final class LocalTimestampOracle implements TimestampOracle, TimestampAllocator, AutoCloseable {
    static final String FILE_NAME = "tso.limit";
    private static final String HEADER = "strata-tso-limit v1 ";
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(3);

    private final Path file;
    private final LongSupplier clockMillis;
    private final long windowMillis;

    /** The last timestamp handed out (or the persisted limit after a restart). Guarded by this. */
    private long last;
    /** Every timestamp handed out is strictly below this persisted value. Guarded by this. */
    private long limit;

    /**
     * @param dataDir      directory for the limit file (created if missing)
     * @param clockMillis  wall clock in milliseconds since the epoch; injectable for tests
     * @param window       how far ahead of the clock the persisted limit is placed
     */
    public LocalTimestampOracle(Path dataDir, LongSupplier clockMillis, Duration window) {
        requireNonNull(dataDir, "dataDir is null");
        this.clockMillis = requireNonNull(clockMillis, "clockMillis is null");
        this.windowMillis = requireNonNull(window, "window is null").toMillis();
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create TSO directory " + dataDir, e);
        }
        this.file = dataDir.resolve(FILE_NAME);
        long persisted = readLimit(file);
        this.last = persisted;
        this.limit = persisted; // the first next() extends the window before handing anything out
    }

    /** An oracle on the system clock with the default 3 s window. */
    public static LocalTimestampOracle open(Path dataDir) {
        return new LocalTimestampOracle(dataDir, System::currentTimeMillis, DEFAULT_WINDOW);
    }

    @Override
    public Timestamp next() {
        return new Timestamp(nextVersion());
    }

    /** Same as {@link #next()} without the wrapper object. */
    public long nextVersion() {
        return allocate(1);
    }

    /**
     * {@code count} consecutive timestamps in one step (for a batching client): the whole range
     * lies below the persisted limit before the first of them is returned.
     */
    @Override
    public synchronized long allocate(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        long first = Math.max(last + 1, Timestamp.compose(clockMillis.getAsLong(), 0));
        long lastOfRange = first + count - 1;
        if (lastOfRange >= limit) {
            long physical = Math.max(clockMillis.getAsLong(), lastOfRange >>> Timestamp.LOGICAL_BITS);
            long newLimit = Timestamp.compose(physical + windowMillis, 0);
            writeLimit(newLimit);
            limit = newLimit;
        }
        last = lastOfRange;
        return first;
    }

    /**
     * Nothing to release: the limit file is written and closed at each window extension, and the
     * persisted limit already covers every timestamp handed out. Present so owners can treat the
     * oracle like their other resources; after close the oracle keeps working.
     */
    @Override
    public void close() {
    }

    private static long readLimit(Path file) {
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            String s = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!s.startsWith(HEADER.trim())) {
                throw new IllegalStateException("corrupt TSO limit file " + file + ": " + s);
            }
            return Long.parseLong(s.substring(HEADER.length()).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TSO limit " + file, e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("corrupt TSO limit file " + file, e);
        }
    }

    /** Temp file, fsync, atomic rename, fsync of the directory: the limit is either old or new, never torn. */
    private void writeLimit(long value) {
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        byte[] bytes = (HEADER + value + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fsyncDirectory(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist TSO limit to " + file, e);
        }
    }

    private static void fsyncDirectory(Path dir) {
        // Makes the rename durable on Linux; some platforms cannot open a directory, which is fine.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort: the rename itself is atomic
        }
    }
}
