package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.TypeKind;
import io.strata.optimizer.exec.StatementContext;
import io.strata.optimizer.func.MysqlTemporals;
import io.strata.optimizer.func.MysqlValues;
import io.strata.optimizer.func.ResultKind;
import io.strata.spi.codec.MemComparable;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Converts between the engine's Java values (see {@code TypeKind}) and Calcite's internal
 * representation used inside generated code: DATE as int days since 1970-01-01, TIME as a long
 * of microseconds (signed, a {@link TimeType}), TIMESTAMP as a long of microseconds
 * since the epoch read as UTC wall-clock time (no zone is applied, so a DATETIME round-trips
 * unchanged), binary strings as {@link ByteString}. Calcite's own temporal code assumes
 * milliseconds, so it never runs on these values: {@link TemporalRexRewriter} turns every
 * temporal CAST and literal into Strata's functions.
 *
 * <p>Each SQL type is reduced to a one-letter {@link ResultKind} tag so generated code can pass
 * types to the runtime as string constants.
 */
public final class InternalValues {
    private InternalValues() {
    }

    /** Tag of a parameter Calcite types as INTEGER (LIMIT/OFFSET): a Java Integer inside. */
    public static final char INT32 = 'L';

    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    public static char tag(RelDataType type) {
        if (UnsignedBigintType.is(type)) {
            return ResultKind.UNSIGNED;
        }
        return TimeType.is(type) ? ResultKind.TIME : tag(type.getSqlTypeName());
    }

    public static char tag(SqlTypeName t) {
        return switch (t) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> ResultKind.INTEGER;
            case DECIMAL -> ResultKind.DECIMAL;
            case FLOAT, REAL, DOUBLE -> ResultKind.DOUBLE;
            case CHAR, VARCHAR -> ResultKind.STRING;
            case BINARY, VARBINARY -> ResultKind.BINARY;
            case DATE -> ResultKind.DATE;
            case TIME -> ResultKind.TIME;
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> ResultKind.DATETIME;
            case BOOLEAN -> ResultKind.BOOLEAN;
            default -> ResultKind.OTHER;
        };
    }

    /**
     * Calcite type of a declared column type. Every integer kind is BIGINT (values are Longs)
     * except BIGINT UNSIGNED, which is {@link UnsignedBigintType} (BigDecimals inside Calcite).
     */
    public static RelDataType relType(RelDataTypeFactory f, ColumnType t, boolean nullable) {
        if (t.kind() == TypeKind.BIGINT && t.unsigned()) {
            return UnsignedBigintType.of(f, nullable);
        }
        RelDataType r = switch (t.kind()) {
            case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT, YEAR, BIT -> f.createSqlType(SqlTypeName.BIGINT);
            case DECIMAL -> f.createSqlType(SqlTypeName.DECIMAL, t.precision() > 0 ? t.precision() : 10, Math.max(0, t.scale()));
            case FLOAT, DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
            case CHAR, VARCHAR -> t.length() > 0 ? f.createSqlType(SqlTypeName.VARCHAR, t.length()) : f.createSqlType(SqlTypeName.VARCHAR);
            case TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT, ENUM, SET, JSON -> f.createSqlType(SqlTypeName.VARCHAR);
            case BINARY, VARBINARY, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB -> f.createSqlType(SqlTypeName.VARBINARY);
            case DATE -> f.createSqlType(SqlTypeName.DATE);
            case DATETIME, TIMESTAMP -> f.createSqlType(SqlTypeName.TIMESTAMP, fsp(t.precision()));
            case TIME -> TimeType.of(f, t.precision(), false);
        };
        return f.createTypeWithNullability(r, nullable);
    }

    /** Engine value → internal value of the type with the given tag (with MySQL coercion if the class differs). */
    public static Object toInternal(Object v, char tag, int scale, StatementContext ctx) {
        if (v == null) {
            return null;
        }
        switch (tag) {
            case ResultKind.INTEGER:
                return v instanceof Long ? v : MysqlValues.toLong(v, ctx);
            case INT32:
                return (int) Math.max(0, Math.min(Integer.MAX_VALUE, MysqlValues.toLong(v, ctx)));
            case ResultKind.UNSIGNED:
                if (v instanceof Long l) {
                    return BigDecimal.valueOf(l);
                }
                return v instanceof BigInteger b ? new BigDecimal(b) : MysqlValues.toDecimal(v, ctx);
            case ResultKind.DECIMAL: {
                BigDecimal d = MysqlValues.toDecimal(v, ctx);
                return d == null ? null : d.scale() == scale ? d : d.setScale(scale, RoundingMode.HALF_UP);
            }
            case ResultKind.DOUBLE:
                return v instanceof Double ? v : MysqlValues.toDouble(v, ctx);
            case ResultKind.STRING:
                return v instanceof String ? v : MysqlValues.toStr(v);
            case ResultKind.BINARY:
                return new ByteString(MysqlValues.toBytes(v));
            case ResultKind.DATE: {
                LocalDate d = MysqlTemporals.toDate(v, ctx);
                return d == null ? null : (int) d.toEpochDay();
            }
            case ResultKind.TIME: {
                Duration t = MysqlTemporals.toTime(v, ctx);
                return t == null ? null : (Object) MysqlTemporals.micros(t);
            }
            case ResultKind.DATETIME: {
                LocalDateTime t = MysqlTemporals.toDateTime(v, ctx);
                return t == null ? null : (Object) MemComparable.datetimeToMicros(t);
            }
            case ResultKind.BOOLEAN:
                return MysqlValues.truth(v, ctx);
            default:
                return v;
        }
    }

    /** Internal value → engine value. Booleans become 1/0 (MySQL has no boolean type). */
    public static Object toExternal(Object v, char tag) {
        if (v == null) {
            return null;
        }
        switch (tag) {
            case ResultKind.INTEGER:
                return v instanceof Long ? v : ((Number) v).longValue();
            case ResultKind.UNSIGNED: {
                BigDecimal d = (BigDecimal) v;
                return d.signum() >= 0 && d.compareTo(LONG_MAX) <= 0 ? (Object) d.longValue() : MysqlValues.unsigned(d.toBigInteger());
            }
            case ResultKind.DOUBLE:
                return v instanceof Double ? v : ((Number) v).doubleValue();
            case ResultKind.BINARY:
                return v instanceof ByteString b ? b.getBytes() : v;
            case ResultKind.DATE:
                return LocalDate.ofEpochDay(((Number) v).longValue());
            case ResultKind.TIME:
                return MysqlTemporals.timeOfMicros(((Number) v).longValue());
            case ResultKind.DATETIME:
                return MemComparable.microsToDatetime(((Number) v).longValue());
            case ResultKind.BOOLEAN:
                return v instanceof Boolean b ? (b ? 1L : 0L) : v;
            default:
                if (v instanceof Boolean b) {
                    return b ? 1L : 0L;
                }
                if (v instanceof ByteString b) {
                    return b.getBytes();
                }
                if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
                    return ((Number) v).longValue();
                }
                return v;
        }
    }

    /** Tag of an engine value, for typing parameters and user variables from their values. */
    public static char tagOfValue(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof Boolean) {
            return ResultKind.INTEGER;
        }
        if (v instanceof BigInteger) {
            return ResultKind.UNSIGNED;
        }
        if (v instanceof BigDecimal) {
            return ResultKind.DECIMAL;
        }
        if (v instanceof Double || v instanceof Float) {
            return ResultKind.DOUBLE;
        }
        if (v instanceof byte[]) {
            return ResultKind.BINARY;
        }
        if (v instanceof LocalDate) {
            return ResultKind.DATE;
        }
        if (v instanceof LocalTime || v instanceof Duration) {
            return ResultKind.TIME;
        }
        if (v instanceof LocalDateTime) {
            return ResultKind.DATETIME;
        }
        return ResultKind.STRING;
    }

    /** Fractional-seconds precision 0…6 of a declared one (-1 for none). */
    static int fsp(int precision) {
        return Math.max(0, Math.min(6, precision));
    }

    /**
     * The "scale" that goes with a value's tag when it types a parameter or variable: a decimal's
     * scale, for DATETIME/TIME 6 when the value has a fraction (so it is shown) and else 0.
     */
    public static int scaleOfValue(Object v) {
        if (v instanceof BigDecimal d) {
            return Math.max(0, Math.min(d.scale(), MysqlTypeSystem.MAX_SCALE));
        }
        if (v instanceof LocalDateTime t) {
            return t.getNano() == 0 ? 0 : 6;
        }
        if (v instanceof LocalTime t) {
            return t.getNano() == 0 ? 0 : 6;
        }
        if (v instanceof Duration d) {
            return d.getNano() == 0 ? 0 : 6;
        }
        return 0;
    }

    /** The tag's extra number for a type: DECIMAL scale, TIMESTAMP/TIME precision, else 0. */
    public static int scaleOf(RelDataType t) {
        return switch (t.getSqlTypeName()) {
            case DECIMAL -> Math.max(0, t.getScale());
            case TIMESTAMP -> Math.max(0, t.getPrecision());
            default -> 0;
        };
    }

    /** A Calcite type for a value tag (DECIMAL takes the given scale, DATETIME/TIME it as precision). */
    public static RelDataType typeOfTag(RelDataTypeFactory f, char tag, int scale) {
        RelDataType t = switch (tag) {
            case ResultKind.INTEGER -> f.createSqlType(SqlTypeName.BIGINT);
            case ResultKind.UNSIGNED -> UnsignedBigintType.of(f, false);
            case ResultKind.DECIMAL -> f.createSqlType(SqlTypeName.DECIMAL, MysqlTypeSystem.MAX_PRECISION, Math.min(scale, MysqlTypeSystem.MAX_SCALE));
            case ResultKind.DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
            case ResultKind.BINARY -> f.createSqlType(SqlTypeName.VARBINARY);
            case ResultKind.DATE -> f.createSqlType(SqlTypeName.DATE);
            case ResultKind.TIME -> TimeType.of(f, scale, false);
            case ResultKind.DATETIME -> f.createSqlType(SqlTypeName.TIMESTAMP, fsp(scale));
            case ResultKind.BOOLEAN -> f.createSqlType(SqlTypeName.BOOLEAN);
            default -> f.createSqlType(SqlTypeName.VARCHAR);
        };
        return f.createTypeWithNullability(t, true);
    }
}
