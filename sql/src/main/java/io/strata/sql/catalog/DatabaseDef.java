package io.strata.sql.catalog;

import static java.util.Objects.requireNonNull;

/** A database (schema): a namespace of tables with default character set and collation. */
public record DatabaseDef(String name, String charset, String collation) {
    public static final String DEFAULT_CHARSET = "utf8mb4";
    public static final String DEFAULT_COLLATION = io.strata.spi.collation.Collations.DEFAULT.name();

    public DatabaseDef {
        requireNonNull(name, "name is null");
        charset = charset == null ? DEFAULT_CHARSET : charset;
        collation = collation == null ? DEFAULT_COLLATION : collation;
    }

    public static DatabaseDef of(String name) {
        return new DatabaseDef(name, DEFAULT_CHARSET, DEFAULT_COLLATION);
    }
}
