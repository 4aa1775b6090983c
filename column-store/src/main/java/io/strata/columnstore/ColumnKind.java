package io.strata.columnstore;

/**
 * How a MySQL column is held in an Arrow vector. The column store sees no catalog (that lives in
 * the optimizer), so whoever builds a {@link TableSchema} maps the declared type:
 *
 * <table>
 *   <tr><th>kind</th><th>MySQL types</th><th>Arrow vector</th><th>Java value</th></tr>
 *   <tr><td>INTEGER</td><td>TINYINT … BIGINT, YEAR, BIT, BOOLEAN</td><td>BigInt (int64)</td><td>Long</td></tr>
 *   <tr><td>DECIMAL</td><td>DECIMAL(p,s)</td><td>Decimal(p,s,128) for p ≤ 38, Decimal256 above</td><td>BigDecimal of scale s</td></tr>
 *   <tr><td>DOUBLE</td><td>FLOAT, DOUBLE</td><td>Float8</td><td>Double</td></tr>
 *   <tr><td>STRING</td><td>CHAR, VARCHAR, TEXT kinds, ENUM, SET, JSON</td><td>VarChar (UTF-8)</td><td>String</td></tr>
 *   <tr><td>BINARY</td><td>BINARY, VARBINARY, BLOB kinds</td><td>VarBinary</td><td>byte[]</td></tr>
 *   <tr><td>DATE</td><td>DATE</td><td>DateDay (int32 days since 1970-01-01)</td><td>LocalDate</td></tr>
 *   <tr><td>DATETIME</td><td>DATETIME, TIMESTAMP</td><td>Timestamp(MICROSECOND, no zone)</td><td>LocalDateTime</td></tr>
 *   <tr><td>TIME</td><td>TIME</td><td>Time(MICROSECOND, 64)</td><td>Duration (signed, up to ±838:59:59)</td></tr>
 * </table>
 *
 * <p>Decimals are Arrow's own decimal vectors (not a scaled long in an int64 vector) so that a
 * batch describes itself: it crosses Arrow IPC and reaches any Arrow reader with its precision
 * and scale. The kernels still run decimals of precision ≤ 18 on plain longs: such a value fits
 * in the low 8 bytes of its 16-byte little-endian two's-complement slot, which therefore read as
 * the unscaled value. Wider decimals go through {@code BigDecimal}, which is exact and slower.
 */
public enum ColumnKind {
    INTEGER, DECIMAL, DOUBLE, STRING, BINARY, DATE, DATETIME, TIME;

    /** Precision up to which a decimal's unscaled value is a {@code long} in the kernels. */
    public static final int LONG_DECIMAL_PRECISION = 18;
    /** Largest precision of Arrow's 128-bit decimal vector. */
    public static final int DECIMAL128_PRECISION = 38;
}
