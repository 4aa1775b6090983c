package io.strata.optimizer.func;

/**
 * What a function call was typed as during validation; arithmetic uses it to pick MySQL's
 * integer, exact-decimal or floating-point evaluation.
 *
 * @param kind  one of {@link #INTEGER}, {@link #UNSIGNED}, {@link #DECIMAL}, {@link #DOUBLE}, {@link #STRING},
 *              {@link #BINARY}, {@link #DATE}, {@link #TIME}, {@link #DATETIME}, {@link #BOOLEAN}, {@link #OTHER}
 * @param scale the scale of a DECIMAL, else 0
 */
public record ResultKind(char kind, int scale) {
    public static final char INTEGER = 'I';
    /** BIGINT UNSIGNED: Long up to 2^63-1, BigInteger above (see {@link MysqlValues#unsigned}). */
    public static final char UNSIGNED = 'U';
    public static final char DECIMAL = 'N';
    public static final char DOUBLE = 'D';
    public static final char STRING = 'S';
    public static final char BINARY = 'B';
    public static final char DATE = 'd';
    public static final char TIME = 't';
    public static final char DATETIME = 'T';
    public static final char BOOLEAN = 'b';
    public static final char OTHER = 'n';
}
