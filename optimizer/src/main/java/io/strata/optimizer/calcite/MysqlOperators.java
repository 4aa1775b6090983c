package io.strata.optimizer.calcite;

import io.strata.optimizer.func.MysqlTemporals;
import io.strata.optimizer.func.MysqlValues;
import io.strata.optimizer.func.ResultKind;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Strata's MySQL operator table: each MySQL function name (as written in SQL, lower case) maps to
 * a {@link MysqlSqlFunction} with MySQL's result-type rules. The table is immutable; a planner
 * builds one and shares it across statements.
 *
 * <p>Type rules (MySQL 8 "Type Conversion in Expression Evaluation"): integers (and booleans)
 * combine to BIGINT; any DECIMAL makes the result DECIMAL; any floating-point or string operand
 * makes arithmetic DOUBLE. Division of exact values is DECIMAL with the dividend's scale plus
 * {@code div_precision_increment} (4).
 */
public final class MysqlOperators {
    public static final int DIV_PRECISION_INCREMENT = 4;

    private final Map<String, MysqlSqlFunction> byName;

    public MysqlOperators() {
        Map<String, MysqlSqlFunction> m = new HashMap<>();
        // arithmetic and logic (reached from operators, not by name)
        def(m, "plus", "plus", 2, 2, MysqlOperators::additive);
        def(m, "minus", "minus", 2, 2, MysqlOperators::additive);
        def(m, "times", "times", 2, 2, MysqlOperators::multiplicative);
        def(m, "divide", "divide", 2, 2, MysqlOperators::division);
        def(m, "avg_div", "avg_div", 2, 2, MysqlOperators::division);
        def(m, "div", "intdiv", 2, 2, MysqlOperators::integer);
        def(m, "mod", "mod", 2, 2, MysqlOperators::modulo);
        def(m, "neg", "neg", 1, 1, b -> isUnsigned(b, 0) ? nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.BIGINT))
                : numericOf(b, 0));
        // bit operations work on 64 bits and give BIGINT UNSIGNED, as in MySQL
        def(m, "bit_and", "bit_and", 2, 2, MysqlOperators::unsignedType);
        def(m, "bit_or", "bit_or", 2, 2, MysqlOperators::unsignedType);
        def(m, "bit_xor", "bit_xor", 2, 2, MysqlOperators::unsignedType);
        def(m, "shift_left", "shift_left", 2, 2, MysqlOperators::unsignedType);
        def(m, "shift_right", "shift_right", 2, 2, MysqlOperators::unsignedType);
        def(m, "bit_not", "bit_not", 1, 1, MysqlOperators::unsignedType);
        def(m, "to_double", "to_double", 1, 1, fixed(SqlTypeName.DOUBLE));
        // SUM's argument: integers are summed as DECIMAL like MySQL (no BIGINT overflow)
        def(m, "sum_arg", "sum_arg", 1, 1, b -> switch (numClass(b, 0)) {
            case 0 -> decimal(b, 20, 0);
            case 1 -> decimal(b, precisionOf(b.getOperandType(0)), scaleOf(b.getOperandType(0)));
            default -> nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.DOUBLE));
        });
        def(m, "truth", "truth", 1, 1, fixed(SqlTypeName.BOOLEAN));
        def(m, "xor", "xor", 2, 2, fixed(SqlTypeName.BOOLEAN));
        def(m, "nullsafe_eq", "nullsafe_eq", 2, 2, fixed(SqlTypeName.BOOLEAN));
        def(m, "regexp", "regexp", 2, 2, fixed(SqlTypeName.BOOLEAN));
        def(m, "like", "like", 2, 3, fixed(SqlTypeName.BOOLEAN));
        // collations (CollationRewriter): sort key of a string, and the explicit COLLATE marker
        def(m, "collate_key", "collate_key", 2, 2, fixed(SqlTypeName.VARCHAR));
        def(m, "collate_like_key", "collate_like_key", 2, 2, fixed(SqlTypeName.VARCHAR));
        def(m, "collate", "collate", 2, 2, b -> b.getOperandType(0));
        def(m, "greatest", "greatest", 2, 64, MysqlOperators::common);
        def(m, "least", "least", 2, 64, MysqlOperators::common);
        // strings
        def(m, "concat", "concat", 1, 256, fixed(SqlTypeName.VARCHAR));
        def(m, "gc_distinct", "gc_distinct", 2, 2, fixed(SqlTypeName.VARCHAR));
        def(m, "concat_ws", "concat_ws", 2, 256, fixed(SqlTypeName.VARCHAR));
        def(m, "length", "length", 1, 1, fixed(SqlTypeName.BIGINT));
        def(m, "octet_length", "length", 1, 1, fixed(SqlTypeName.BIGINT));
        def(m, "char_length", "char_length", 1, 1, fixed(SqlTypeName.BIGINT));
        def(m, "character_length", "char_length", 1, 1, fixed(SqlTypeName.BIGINT));
        def(m, "upper", "upper", 1, 1, fixed(SqlTypeName.VARCHAR));
        def(m, "ucase", "upper", 1, 1, fixed(SqlTypeName.VARCHAR));
        def(m, "lower", "lower", 1, 1, fixed(SqlTypeName.VARCHAR));
        def(m, "lcase", "lower", 1, 1, fixed(SqlTypeName.VARCHAR));
        def(m, "substring", "substring", 2, 3, fixed(SqlTypeName.VARCHAR));
        def(m, "substr", "substring", 2, 3, fixed(SqlTypeName.VARCHAR));
        def(m, "mid", "substring", 3, 3, fixed(SqlTypeName.VARCHAR));
        def(m, "trim", "trim", 1, 2, fixed(SqlTypeName.VARCHAR));
        def(m, "ltrim", "ltrim", 1, 2, fixed(SqlTypeName.VARCHAR));
        def(m, "rtrim", "rtrim", 1, 2, fixed(SqlTypeName.VARCHAR));
        def(m, "replace", "replace", 3, 3, fixed(SqlTypeName.VARCHAR));
        def(m, "left", "left", 2, 2, fixed(SqlTypeName.VARCHAR));
        def(m, "right", "right", 2, 2, fixed(SqlTypeName.VARCHAR));
        def(m, "lpad", "lpad", 3, 3, fixed(SqlTypeName.VARCHAR));
        def(m, "rpad", "rpad", 3, 3, fixed(SqlTypeName.VARCHAR));
        def(m, "locate", "locate", 2, 3, fixed(SqlTypeName.BIGINT));
        def(m, "instr", "instr", 2, 2, fixed(SqlTypeName.BIGINT));
        def(m, "strcmp", "strcmp", 2, 2, fixed(SqlTypeName.BIGINT));
        def(m, "reverse", "reverse", 1, 1, fixed(SqlTypeName.VARCHAR));
        def(m, "repeat", "repeat", 2, 2, fixed(SqlTypeName.VARCHAR));
        def(m, "space", "space", 1, 1, fixed(SqlTypeName.VARCHAR));
        def(m, "ascii", "ascii", 1, 1, fixed(SqlTypeName.BIGINT));
        def(m, "hex", "hex", 1, 1, fixed(SqlTypeName.VARCHAR));
        // math
        def(m, "abs", "abs", 1, 1, b -> isUnsigned(b, 0) ? unsignedType(b) : numericOf(b, 0));
        def(m, "ceil", "ceil", 1, 1, MysqlOperators::integral);
        def(m, "ceiling", "ceil", 1, 1, MysqlOperators::integral);
        def(m, "floor", "floor", 1, 1, MysqlOperators::integral);
        def(m, "round", "round", 1, 2, MysqlOperators::rounding);
        def(m, "truncate", "truncate", 2, 2, MysqlOperators::rounding);
        def(m, "pow", "pow", 2, 2, fixed(SqlTypeName.DOUBLE));
        def(m, "power", "pow", 2, 2, fixed(SqlTypeName.DOUBLE));
        def(m, "sqrt", "sqrt", 1, 1, fixed(SqlTypeName.DOUBLE));
        def(m, "exp", "exp", 1, 1, fixed(SqlTypeName.DOUBLE));
        def(m, "ln", "ln", 1, 1, fixed(SqlTypeName.DOUBLE));
        def(m, "log", "log", 1, 2, fixed(SqlTypeName.DOUBLE));
        def(m, "log10", "log10", 1, 1, fixed(SqlTypeName.DOUBLE));
        def(m, "log2", "log2", 1, 1, fixed(SqlTypeName.DOUBLE));
        def(m, "sign", "sign", 1, 1, fixed(SqlTypeName.BIGINT));
        def(m, "pi", "pi", 0, 0, fixed(SqlTypeName.DOUBLE));
        def(m, "rand", "rand", 0, 1, fixed(SqlTypeName.DOUBLE));
        // date and time
        // date and time: DATETIME/TIME results carry MySQL's fractional-seconds precision (fsp)
        def(m, "now", "now", 0, 1, withFsp(false, 0));
        def(m, "current_timestamp", "now", 0, 1, withFsp(false, 0));
        def(m, "localtime", "now", 0, 1, withFsp(false, 0));
        def(m, "localtimestamp", "now", 0, 1, withFsp(false, 0));
        def(m, "sysdate", "sysdate", 0, 1, withFsp(false, 0));
        def(m, "utc_timestamp", "utc_timestamp", 0, 1, withFsp(false, 0));
        def(m, "curdate", "curdate", 0, 0, fixed(SqlTypeName.DATE));
        def(m, "current_date", "curdate", 0, 0, fixed(SqlTypeName.DATE));
        def(m, "curtime", "curtime", 0, 1, withFsp(true, 0));
        def(m, "current_time", "curtime", 0, 1, withFsp(true, 0));
        def(m, "date", "date", 1, 1, fixed(SqlTypeName.DATE));
        def(m, "year", "year", 1, 1, fixed(SqlTypeName.BIGINT));
        def(m, "month", "month", 1, 1, fixed(SqlTypeName.BIGINT));
        def(m, "day", "day", 1, 1, fixed(SqlTypeName.BIGINT));
        def(m, "dayofmonth", "day", 1, 1, fixed(SqlTypeName.BIGINT));
        def(m, "dayofweek", "dayofweek", 1, 1, fixed(SqlTypeName.BIGINT));
        def(m, "weekday", "weekday", 1, 1, fixed(SqlTypeName.BIGINT));
        def(m, "dayofyear", "dayofyear", 1, 1, fixed(SqlTypeName.BIGINT));
        def(m, "quarter", "quarter", 1, 1, fixed(SqlTypeName.BIGINT));
        def(m, "dayname", "dayname", 1, 1, fixed(SqlTypeName.VARCHAR));
        def(m, "monthname", "monthname", 1, 1, fixed(SqlTypeName.VARCHAR));
        def(m, "hour", "hour", 1, 1, fixed(SqlTypeName.BIGINT));
        def(m, "minute", "minute", 1, 1, fixed(SqlTypeName.BIGINT));
        def(m, "second", "second", 1, 1, fixed(SqlTypeName.BIGINT));
        def(m, "microsecond", "microsecond", 1, 1, fixed(SqlTypeName.BIGINT));
        def(m, "date_add", "date_add", 3, 3, MysqlOperators::dateArith);
        def(m, "date_sub", "date_sub", 3, 3, MysqlOperators::dateArith);
        def(m, "datediff", "datediff", 2, 2, fixed(SqlTypeName.BIGINT));
        def(m, "date_format", "date_format", 2, 2, fixed(SqlTypeName.VARCHAR));
        def(m, "timestampdiff", "timestampdiff", 3, 3, fixed(SqlTypeName.BIGINT));
        def(m, "timestampadd", "timestampadd", 3, 3, MysqlOperators::timestampAdd);
        def(m, "timediff", "timediff", 2, 2, b -> temporal(b, true, Math.max(fspOf(b, 0), fspOf(b, 1))));
        def(m, "addtime", "addtime", 2, 2, MysqlOperators::addTime);
        def(m, "subtime", "subtime", 2, 2, MysqlOperators::addTime);
        def(m, "sec_to_time", "sec_to_time", 1, 1, b -> temporal(b, true, Math.min(6, scaleOf(b.getOperandType(0)))));
        def(m, "time_to_sec", "time_to_sec", 1, 1, b -> TimeType.is(b.getOperandType(0)) && b.getOperandType(0).getPrecision() > 0
                ? decimal(b, 17, b.getOperandType(0).getPrecision()) : nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.BIGINT)));
        def(m, "time", "to_time", 1, 1, b -> converted(b, true));
        def(m, "str_to_date", "str_to_date", 2, 2, MysqlOperators::strToDate);
        def(m, "unix_timestamp", "unix_timestamp", 0, 1, fixed(SqlTypeName.BIGINT));
        def(m, "from_unixtime", "from_unixtime", 1, 2,
                b -> b.getOperandCount() == 2 ? nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.VARCHAR))
                        : nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.TIMESTAMP,
                        Math.min(6, scaleOf(b.getOperandType(0))))));
        def(m, "extract", "extract", 2, 2, fixed(SqlTypeName.BIGINT));
        // casts: the target type is given by trailing literal operands where it has parameters
        def(m, "cast_signed", "cast_signed", 1, 1, fixed(SqlTypeName.BIGINT));
        def(m, "cast_unsigned", "cast_unsigned", 1, 1, MysqlOperators::unsignedType);
        def(m, "cast_char", "cast_char", 1, 2, b -> b.getOperandCount() == 2 && b.isOperandLiteral(1, false)
                ? nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.VARCHAR, Math.max(1, b.getOperandLiteralValue(1, Integer.class))))
                : nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.VARCHAR)));
        def(m, "cast_decimal", "cast_decimal", 3, 3, b -> nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.DECIMAL,
                b.getOperandLiteralValue(1, Integer.class), b.getOperandLiteralValue(2, Integer.class))));
        def(m, "cast_double", "cast_double", 1, 1, fixed(SqlTypeName.DOUBLE));
        def(m, "cast_date", "cast_date", 1, 1, fixed(SqlTypeName.DATE));
        // CAST(x AS DATETIME[(fsp)]) / TIME[(fsp)]: the fsp is a literal second operand (default 0), the value is rounded to it
        def(m, "cast_datetime", "cast_datetime", 1, 2, withFsp(false, 1));
        def(m, "cast_time", "cast_time", 1, 2, withFsp(true, 1));
        // implicit conversions (comparisons, CASTs Calcite adds): exact, as precise as the argument
        def(m, "to_datetime", "to_datetime", 1, 1, b -> converted(b, false));
        def(m, "to_time", "to_time", 1, 1, b -> converted(b, true));
        def(m, "to_decimal", "to_decimal", 1, 1, b -> decimal(b, precisionOf(b.getOperandType(0)), scaleOf(b.getOperandType(0))));
        def(m, "cast_binary", "cast_binary", 1, 1, fixed(SqlTypeName.VARBINARY));
        // a DATETIME(fsp)/TIME(fsp) as text with exactly fsp fractional digits (see TemporalRexRewriter)
        def(m, "temporal_text", "temporal_text", 2, 2, fixed(SqlTypeName.VARCHAR));
        // session values
        def(m, "last_insert_id", "last_insert_id", 0, 0, fixed(SqlTypeName.BIGINT));
        def(m, "row_count", "row_count", 0, 0, fixed(SqlTypeName.BIGINT));
        def(m, "database", "database", 0, 0, fixed(SqlTypeName.VARCHAR));
        def(m, "schema", "database", 0, 0, fixed(SqlTypeName.VARCHAR));
        def(m, "user", "user", 0, 0, fixed(SqlTypeName.VARCHAR));
        def(m, "current_user", "user", 0, 0, fixed(SqlTypeName.VARCHAR));
        def(m, "session_user", "user", 0, 0, fixed(SqlTypeName.VARCHAR));
        def(m, "system_user", "user", 0, 0, fixed(SqlTypeName.VARCHAR));
        def(m, "connection_id", "connection_id", 0, 0, fixed(SqlTypeName.BIGINT));
        def(m, "version", "version", 0, 0, fixed(SqlTypeName.VARCHAR));
        // sysvar(name, global, tag, scale) / uservar(name, tag, scale): the value's type was read
        // when the statement was planned and is part of the plan's assumptions
        def(m, "sysvar", "sysvar", 4, 4, b -> typeFromTag(b, 2));
        def(m, "uservar", "uservar", 3, 3, b -> typeFromTag(b, 1));
        this.byName = Map.copyOf(m);
    }

    private static void def(Map<String, MysqlSqlFunction> m, String sqlName, String runtimeName, int min, int max,
                            SqlReturnTypeInference rt) {
        m.put(sqlName, new MysqlSqlFunction(sqlName.toUpperCase(Locale.ROOT), runtimeName, min, max, rt));
    }

    /** The operator for a MySQL function name (any case), or null. */
    public MysqlSqlFunction get(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    public List<MysqlSqlFunction> all() {
        return List.copyOf(byName.values());
    }

    // ------------------------------------------------------------------ type rules

    private static SqlReturnTypeInference fixed(SqlTypeName t) {
        return b -> nullable(b, b.getTypeFactory().createSqlType(t));
    }

    /** A DATETIME (or TIME) whose fsp is the literal operand {@code fspOperand} when there is one, else 0. */
    private static SqlReturnTypeInference withFsp(boolean time, int fspOperand) {
        return b -> {
            int fsp = 0;
            if (b.getOperandCount() > fspOperand && b.isOperandLiteral(fspOperand, false)) {
                Integer v = b.getOperandLiteralValue(fspOperand, Integer.class);
                fsp = v == null ? 0 : Math.max(0, Math.min(6, v));
            }
            return temporal(b, time, fsp);
        };
    }

    /** DATETIME(fsp), or TIME(fsp) ({@link TimeType}), nullable. */
    private static RelDataType temporal(SqlOperatorBinding b, boolean time, int fsp) {
        RelDataTypeFactory f = b.getTypeFactory();
        return time ? TimeType.of(f, fsp, true) : nullable(b, f.createSqlType(SqlTypeName.TIMESTAMP, fsp));
    }

    /** An implicit conversion to DATETIME/TIME keeps a temporal argument's fsp; anything else may carry 6 digits. */
    private static RelDataType converted(SqlOperatorBinding b, boolean time) {
        return temporal(b, time, fspOf(b.getOperandType(0)));
    }

    /** Fractional digits of an operand: those written in a string literal, else {@link #fspOf(RelDataType)}. */
    private static int fspOf(SqlOperatorBinding b, int i) {
        if (SqlTypeUtil.inCharFamily(b.getOperandType(i)) && b.isOperandLiteral(i, false)) {
            String text = b.getOperandLiteralValue(i, String.class);
            int dot = text == null ? -1 : text.lastIndexOf('.');
            return dot < 0 ? 0 : Math.min(6, text.length() - dot - 1);
        }
        return fspOf(b.getOperandType(i));
    }

    /** Fractional digits a value of this type can carry: its precision for DATETIME/TIME, 0 for DATE, 6 otherwise. */
    private static int fspOf(RelDataType t) {
        return switch (t.getSqlTypeName()) {
            case TIMESTAMP -> t.getPrecision();
            case DATE -> 0;
            default -> 6;
        };
    }

    private static RelDataType nullable(SqlOperatorBinding b, RelDataType t) {
        return b.getTypeFactory().createTypeWithNullability(t, true);
    }

    private static RelDataType typeFromTag(SqlOperatorBinding b, int tagOperand) {
        String tag = b.getOperandLiteralValue(tagOperand, String.class);
        Integer scale = b.getOperandLiteralValue(tagOperand + 1, Integer.class);
        return InternalValues.typeOfTag(b.getTypeFactory(), tag == null || tag.isEmpty() ? ResultKind.STRING : tag.charAt(0),
                scale == null ? 0 : scale);
    }

    private static RelDataType unsignedType(SqlOperatorBinding b) {
        return UnsignedBigintType.of(b.getTypeFactory(), true);
    }

    /**
     * Whether an operand is BIGINT UNSIGNED: of that type, or an integer literal above 2^63-1
     * (MySQL types {@code 18446744073709551615} as BIGINT UNSIGNED; Calcite as DECIMAL(20, 0)).
     */
    private static boolean isUnsigned(SqlOperatorBinding b, int i) {
        RelDataType t = b.getOperandType(i);
        if (UnsignedBigintType.is(t)) {
            return true;
        }
        if (t.getSqlTypeName() == SqlTypeName.DECIMAL && t.getScale() == 0 && b.isOperandLiteral(i, false)) {
            BigDecimal v = b.getOperandLiteralValue(i, BigDecimal.class);
            return v != null && v.compareTo(LONG_MAX) > 0 && v.compareTo(MysqlValues.UNSIGNED_MAX) <= 0;
        }
        return false;
    }

    private static boolean anyUnsigned(SqlOperatorBinding b) {
        for (int i = 0; i < b.getOperandCount(); i++) {
            if (isUnsigned(b, i)) {
                return true;
            }
        }
        return false;
    }

    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /** The integer result type of integer operands: BIGINT UNSIGNED when any is unsigned (MySQL), else BIGINT. */
    private static RelDataType integer(SqlOperatorBinding b) {
        return anyUnsigned(b) ? unsignedType(b) : nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.BIGINT));
    }

    private static int numClass(SqlOperatorBinding b, int i) {
        return isUnsigned(b, i) ? 0 : numClass(b.getOperandType(i));
    }

    /** Numeric class of an operand: 0 integer, 1 decimal, 2 double (strings and others count as double). */
    private static int numClass(RelDataType t) {
        if (UnsignedBigintType.is(t)) {
            return 0;
        }
        SqlTypeName n = t.getSqlTypeName();
        return switch (n) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, BOOLEAN, NULL -> 0;
            case DECIMAL -> 1;
            case DATE, TIMESTAMP -> 0;
            default -> 2;
        };
    }

    private static int precisionOf(RelDataType t) {
        return switch (t.getSqlTypeName()) {
            case DECIMAL -> t.getPrecision();
            case TINYINT -> 3;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            default -> 19;
        };
    }

    private static int scaleOf(RelDataType t) {
        return t.getSqlTypeName() == SqlTypeName.DECIMAL ? t.getScale() : 0;
    }

    private static RelDataType decimal(SqlOperatorBinding b, int precision, int scale) {
        int s = Math.min(scale, MysqlTypeSystem.MAX_SCALE);
        int p = Math.max(Math.min(precision, MysqlTypeSystem.MAX_PRECISION), Math.max(1, s));
        return nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.DECIMAL, p, s));
    }

    private static int widest(SqlOperatorBinding b) {
        int c = 0;
        for (int i = 0; i < b.getOperandCount(); i++) {
            c = Math.max(c, numClass(b, i));
        }
        return c;
    }

    private static RelDataType numericOf(SqlOperatorBinding b, int operand) {
        RelDataType t = b.getOperandType(operand);
        return switch (numClass(t)) {
            case 0 -> nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.BIGINT));
            case 1 -> decimal(b, precisionOf(t), scaleOf(t));
            default -> nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.DOUBLE));
        };
    }

    private static RelDataType additive(SqlOperatorBinding b) {
        RelDataType x = b.getOperandType(0);
        RelDataType y = b.getOperandType(1);
        return switch (widest(b)) {
            case 0 -> integer(b);
            case 1 -> {
                int s = Math.max(scaleOf(x), scaleOf(y));
                int intDigits = Math.max(precisionOf(x) - scaleOf(x), precisionOf(y) - scaleOf(y));
                yield decimal(b, intDigits + s + 1, s);
            }
            default -> nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.DOUBLE));
        };
    }

    private static RelDataType multiplicative(SqlOperatorBinding b) {
        RelDataType x = b.getOperandType(0);
        RelDataType y = b.getOperandType(1);
        return switch (widest(b)) {
            case 0 -> integer(b);
            case 1 -> decimal(b, precisionOf(x) + precisionOf(y), scaleOf(x) + scaleOf(y));
            default -> nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.DOUBLE));
        };
    }

    private static RelDataType division(SqlOperatorBinding b) {
        RelDataType x = b.getOperandType(0);
        RelDataType y = b.getOperandType(1);
        if (widest(b) == 2) {
            return nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.DOUBLE));
        }
        int scale = scaleOf(x) + DIV_PRECISION_INCREMENT;
        return decimal(b, precisionOf(x) - scaleOf(x) + scaleOf(y) + scale, scale);
    }

    private static RelDataType modulo(SqlOperatorBinding b) {
        RelDataType x = b.getOperandType(0);
        RelDataType y = b.getOperandType(1);
        return switch (widest(b)) {
            case 0 -> integer(b);
            case 1 -> decimal(b, Math.max(precisionOf(x), precisionOf(y)), Math.max(scaleOf(x), scaleOf(y)));
            default -> nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.DOUBLE));
        };
    }

    private static RelDataType integral(SqlOperatorBinding b) {
        return numClass(b, 0) == 2
                ? nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.DOUBLE))
                : integer(b);
    }

    private static RelDataType rounding(SqlOperatorBinding b) {
        RelDataType x = b.getOperandType(0);
        int cls = numClass(b, 0);
        if (cls == 2) {
            return nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.DOUBLE));
        }
        if (cls == 0) {
            return isUnsigned(b, 0) ? unsignedType(b) : nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.BIGINT));
        }
        int digits = 0;
        if (b.getOperandCount() > 1) {
            digits = b.isOperandLiteral(1, false) ? b.getOperandLiteralValue(1, Integer.class) : scaleOf(x);
        }
        int s = Math.max(0, Math.min(digits, MysqlTypeSystem.MAX_SCALE));
        return decimal(b, precisionOf(x) - scaleOf(x) + s + 1, s);
    }

    private static RelDataType common(SqlOperatorBinding b) {
        boolean allNumeric = true;
        boolean allDate = true;
        boolean allTemporal = true;
        for (int i = 0; i < b.getOperandCount(); i++) {
            RelDataType t = b.getOperandType(i);
            SqlTypeName n = t.getSqlTypeName();
            allNumeric &= SqlTypeUtil.isNumeric(t) || n == SqlTypeName.BOOLEAN || n == SqlTypeName.NULL;
            allDate &= n == SqlTypeName.DATE || n == SqlTypeName.NULL;
            allTemporal &= SqlTypeUtil.isDatetime(t) || n == SqlTypeName.NULL;
        }
        if (allNumeric) {
            int cls = widest(b);
            if (cls == 1) {
                int s = 0;
                int intDigits = 0;
                for (int i = 0; i < b.getOperandCount(); i++) {
                    s = Math.max(s, scaleOf(b.getOperandType(i)));
                    intDigits = Math.max(intDigits, precisionOf(b.getOperandType(i)) - scaleOf(b.getOperandType(i)));
                }
                return decimal(b, intDigits + s, s);
            }
            if (cls == 0 && anyUnsigned(b)) {
                // all unsigned stays unsigned; mixed with signed needs both ranges
                boolean all = true;
                for (int i = 0; i < b.getOperandCount(); i++) {
                    all &= isUnsigned(b, i) || b.getOperandType(i).getSqlTypeName() == SqlTypeName.NULL;
                }
                return all ? unsignedType(b) : decimal(b, UnsignedBigintType.PRECISION, 0);
            }
            return nullable(b, b.getTypeFactory().createSqlType(cls == 0 ? SqlTypeName.BIGINT : SqlTypeName.DOUBLE));
        }
        if (allDate) {
            return nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.DATE));
        }
        if (allTemporal) {
            int fsp = 0;
            for (int i = 0; i < b.getOperandCount(); i++) {
                fsp = Math.max(fsp, b.getOperandType(i).getSqlTypeName() == SqlTypeName.NULL ? 0 : fspOf(b.getOperandType(i)));
            }
            return nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.TIMESTAMP, fsp));
        }
        return nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.VARCHAR));
    }

    private static RelDataType dateArith(SqlOperatorBinding b) {
        return intervalResult(b, 0, 1, b.isOperandLiteral(2, false) ? b.getOperandLiteralValue(2, String.class) : "SECOND");
    }

    /** ADDTIME/SUBTIME(base, time): a TIME base gives a TIME, a DATETIME or DATE a DATETIME, a string a string. */
    private static RelDataType addTime(SqlOperatorBinding b) {
        RelDataType base = b.getOperandType(0);
        int fsp = Math.max(fspOf(b, 0), fspOf(b, 1));
        if (TimeType.is(base)) {
            return temporal(b, true, fsp);
        }
        if (SqlTypeUtil.isDatetime(base)) {
            return temporal(b, false, fsp);
        }
        return nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.VARCHAR));
    }

    /** TIMESTAMPADD(unit, amount, base). */
    private static RelDataType timestampAdd(SqlOperatorBinding b) {
        return intervalResult(b, 2, 1, b.isOperandLiteral(0, false) ? b.getOperandLiteralValue(0, String.class) : "SECOND");
    }

    /**
     * Type of a temporal value plus an interval: a TIME stays a TIME for units of hours and less, a
     * DATE stays a DATE for day-or-longer units, else
     * a DATETIME whose fsp covers the base's and the interval's (6 for MICROSECOND units, the
     * amount's decimals for SECOND); a string base gives a string.
     */
    private static RelDataType intervalResult(SqlOperatorBinding b, int baseOperand, int amountOperand, String unitName) {
        RelDataTypeFactory f = b.getTypeFactory();
        SqlTypeName base = b.getOperandType(baseOperand).getSqlTypeName();
        String unit = unitName == null ? "" : unitName.toUpperCase(Locale.ROOT);
        boolean dateUnit = switch (unit) {
            case "DAY", "WEEK", "MONTH", "QUARTER", "YEAR", "YEAR_MONTH" -> true;
            default -> false;
        };
        int fsp = base == SqlTypeName.TIMESTAMP ? b.getOperandType(baseOperand).getPrecision() : 0;
        if (unit.endsWith("MICROSECOND")) {
            fsp = 6;
        } else if (unit.equals("SECOND")) {
            fsp = Math.max(fsp, Math.min(6, scaleOf(b.getOperandType(amountOperand))));
        }
        if (TimeType.is(b.getOperandType(baseOperand)) && MysqlTemporals.isTimeUnit(unit)) {
            return temporal(b, true, fsp);
        }
        if (base == SqlTypeName.DATE) {
            return nullable(b, dateUnit ? f.createSqlType(SqlTypeName.DATE) : f.createSqlType(SqlTypeName.TIMESTAMP, fsp));
        }
        if (base == SqlTypeName.TIMESTAMP) {
            return nullable(b, f.createSqlType(SqlTypeName.TIMESTAMP, fsp));
        }
        return nullable(b, f.createSqlType(SqlTypeName.VARCHAR));
    }

    private static RelDataType strToDate(SqlOperatorBinding b) {
        RelDataTypeFactory f = b.getTypeFactory();
        String fmt = b.isOperandLiteral(1, false) ? b.getOperandLiteralValue(1, String.class) : null;
        if (fmt == null) {
            return nullable(b, f.createSqlType(SqlTypeName.TIMESTAMP, 6));
        }
        boolean date = false;
        boolean time = false;
        for (int i = 0; i + 1 < fmt.length(); i++) {
            if (fmt.charAt(i) == '%') {
                char c = fmt.charAt(++i);
                if ("YymcdeMbjDWa".indexOf(c) >= 0) {
                    date = true;
                } else if ("HkhIlisSfpTr".indexOf(c) >= 0) {
                    time = true;
                }
            }
        }
        if (date && !time) {
            return nullable(b, f.createSqlType(SqlTypeName.DATE));
        }
        return temporal(b, time && !date, fmt.contains("%f") ? 6 : 0);
    }
}
