package io.strata.optimizer.calcite;

import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Calcite's Java type factory with MySQL's decimal rules and UTF-8 strings (Calcite defaults to
 * ISO-8859-1). Strata's own types ({@link TimeType}, {@link UnsignedBigintType}) survive a common
 * type of values that all have them (CASE, UNION, COALESCE): TIME(0) and TIME(6) meet as TIME(6),
 * not as the DATETIME Calcite would see.
 */
public final class StrataTypeFactory extends JavaTypeFactoryImpl {
    public StrataTypeFactory() {
        super(new MysqlTypeSystem());
    }

    @Override
    public Charset getDefaultCharset() {
        return StandardCharsets.UTF_8;
    }

    @Override
    public RelDataType leastRestrictive(List<RelDataType> types) {
        boolean allTime = true;
        boolean allUnsigned = true;
        boolean any = false;
        boolean nullable = false;
        int fsp = 0;
        for (RelDataType t : types) {
            if (t.getSqlTypeName() == SqlTypeName.NULL) {
                nullable = true;
                continue;
            }
            any = true;
            nullable |= t.isNullable();
            allTime &= TimeType.is(t);
            allUnsigned &= UnsignedBigintType.is(t);
            fsp = Math.max(fsp, t.getPrecision());
        }
        if (any && allTime) {
            return TimeType.of(this, fsp, nullable);
        }
        if (any && allUnsigned) {
            return UnsignedBigintType.of(this, nullable);
        }
        return super.leastRestrictive(types);
    }
}
