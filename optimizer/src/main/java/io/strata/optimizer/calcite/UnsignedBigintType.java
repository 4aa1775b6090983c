package io.strata.optimizer.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.type.BasicSqlType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * MySQL's BIGINT UNSIGNED (0 … 2^64-1) as Calcite sees it: a DECIMAL(20, 0) — so comparison,
 * ordering, MIN/MAX, hashing and SUM work on its {@code BigDecimal} values with Calcite's own
 * code — that remembers it is unsigned, so MySQL's unsigned arithmetic (an unsigned operand makes
 * integer arithmetic unsigned, with 1690 when the result leaves the range) and the UNSIGNED
 * result-set flag survive validation. Its digest differs from DECIMAL(20, 0), so Calcite never
 * takes one for the other; where Calcite derives a type of its own (CASE, UNION) the result is a
 * plain DECIMAL(20, 0), which holds the same values.
 */
public final class UnsignedBigintType extends BasicSqlType {
    public static final int PRECISION = 20;

    /** {@link BasicSqlType} offers no public nullable DECIMAL constructor: nullability lives here. */
    private final boolean nullable;

    private UnsignedBigintType(RelDataTypeSystem typeSystem, boolean nullable) {
        super(typeSystem, SqlTypeName.DECIMAL, PRECISION, 0);
        this.nullable = nullable;
        computeDigest();
    }

    /** BIGINT UNSIGNED of a factory (canonical, so equal types are the same instance). */
    public static RelDataType of(RelDataTypeFactory f, boolean nullable) {
        return f.createTypeWithNullability(new UnsignedBigintType(f.getTypeSystem(), false), nullable);
    }

    public static boolean is(RelDataType t) {
        return t instanceof UnsignedBigintType;
    }

    @Override
    public boolean isNullable() {
        return nullable;
    }

    @Override
    public BasicSqlType createWithNullability(boolean nullable) {
        return nullable == this.nullable ? this : new UnsignedBigintType(typeSystem, nullable);
    }

    @Override
    protected void generateTypeString(StringBuilder sb, boolean withDetail) {
        sb.append("BIGINT UNSIGNED");
    }
}
