package io.strata.columnstore.kernel;

import java.util.Arrays;

/**
 * The rows of a batch a filter kept, as ascending row indexes (a selection vector): the later
 * kernels (projection, aggregation) loop over these instead of testing a bitmap again.
 */
public final class Selection {
    private final int[] rows;
    private final int count;

    private Selection(int[] rows, int count) {
        this.rows = rows;
        this.count = count;
    }

    /** Every row of a batch of {@code rowCount} rows. */
    public static Selection all(int rowCount) {
        int[] rows = new int[rowCount];
        for (int i = 0; i < rowCount; i++) {
            rows[i] = i;
        }
        return new Selection(rows, rowCount);
    }

    /** The rows whose bit is set in {@code words} (bit j of word w = row 64w + j). */
    static Selection ofBits(long[] words) {
        int count = 0;
        for (long w : words) {
            count += Long.bitCount(w);
        }
        int[] rows = new int[count];
        int k = 0;
        for (int w = 0; w < words.length; w++) {
            long bits = words[w];
            while (bits != 0) {
                rows[k++] = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
            }
        }
        return new Selection(rows, count);
    }

    public int count() {
        return count;
    }

    public int row(int i) {
        return rows[i];
    }

    /** The row indexes (a copy). */
    public int[] rows() {
        return Arrays.copyOf(rows, count);
    }

    /** The backing array, valid up to {@link #count()}; kernels read it without copying. */
    int[] rowArray() {
        return rows;
    }
}
