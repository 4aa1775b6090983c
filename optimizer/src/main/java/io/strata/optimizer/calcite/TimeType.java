package io.strata.optimizer.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.type.BasicSqlType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * MySQL's TIME(fsp) as Calcite sees it: a signed duration of up to ±838:59:59.999999, held in
 * generated code as a long of microseconds. Calcite's own TIME is an {@code int} of milliseconds
 * of one day, hard-wired in its code generation, so Strata's TIME is a TIMESTAMP(fsp) to Calcite
 * (a long it only compares, sorts and hashes) that remembers it is a TIME: its digest is
 * {@code TIME(fsp)}, the MySQL operators and result metadata check {@link #is}, and the
 * conversions between TIME and DATETIME are Strata's functions (see {@link TemporalRexRewriter}).
 */
public final class TimeType extends BasicSqlType {
    private final boolean nullable;

    private TimeType(RelDataTypeSystem typeSystem, int fsp, boolean nullable) {
        super(typeSystem, SqlTypeName.TIMESTAMP, fsp);
        this.nullable = nullable;
        computeDigest();
    }

    /** TIME(fsp) of a factory (canonical, so equal types are the same instance). */
    public static RelDataType of(RelDataTypeFactory f, int fsp, boolean nullable) {
        return f.createTypeWithNullability(new TimeType(f.getTypeSystem(), InternalValues.fsp(fsp), false), nullable);
    }

    public static boolean is(RelDataType t) {
        return t instanceof TimeType;
    }

    @Override
    public boolean isNullable() {
        return nullable;
    }

    @Override
    public BasicSqlType createWithNullability(boolean nullable) {
        return nullable == this.nullable ? this : new TimeType(typeSystem, getPrecision(), nullable);
    }

    @Override
    protected void generateTypeString(StringBuilder sb, boolean withDetail) {
        sb.append("TIME(").append(getPrecision()).append(')');
    }
}
