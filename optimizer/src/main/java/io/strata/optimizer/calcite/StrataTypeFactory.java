package io.strata.optimizer.calcite;

import org.apache.calcite.jdbc.JavaTypeFactoryImpl;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Calcite's Java type factory with MySQL's decimal rules and UTF-8 strings (Calcite defaults to ISO-8859-1). */
public final class StrataTypeFactory extends JavaTypeFactoryImpl {
    public StrataTypeFactory() {
        super(new MysqlTypeSystem());
    }

    @Override
    public Charset getDefaultCharset() {
        return StandardCharsets.UTF_8;
    }
}
