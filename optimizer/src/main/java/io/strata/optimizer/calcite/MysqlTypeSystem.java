package io.strata.optimizer.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * MySQL's numeric limits: DECIMAL up to 65 digits with at most 30 after the point; SUM of a
 * DECIMAL widens to 65 digits. (SUM of integers is made DECIMAL by the translator, which sums
 * {@code sum_arg(x)}; Calcite's own $SUM0 of counts must stay BIGINT.)
 */
public final class MysqlTypeSystem extends RelDataTypeSystemImpl {
    public static final int MAX_PRECISION = 65;
    public static final int MAX_SCALE = 30;

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return switch (typeName) {
            case DECIMAL -> MAX_PRECISION;
            case VARCHAR, CHAR, VARBINARY, BINARY -> Integer.MAX_VALUE / 4;
            // fractional seconds to microseconds, as MySQL's DATETIME(6)/TIME(6)
            case TIMESTAMP, TIME -> 6;
            default -> super.getMaxPrecision(typeName);
        };
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_SCALE : super.getMaxScale(typeName);
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        if (SqlTypeUtil.isDecimal(argumentType)) {
            return typeFactory.createTypeWithNullability(
                    typeFactory.createSqlType(SqlTypeName.DECIMAL, MAX_PRECISION, argumentType.getScale()), argumentType.isNullable());
        }
        if (SqlTypeUtil.isApproximateNumeric(argumentType)) {
            return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.DOUBLE), argumentType.isNullable());
        }
        return super.deriveSumType(typeFactory, argumentType);
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
