package io.strata.optimizer.catalog;

/**
 * MySQL column types as declared in DDL. The Java value a column holds, everywhere inside the
 * engine (storage rows, executors, results), is fixed by the kind:
 * <ul>
 *   <li>TINYINT … BIGINT, YEAR, BIT, BOOLEAN (TINYINT(1)): {@code Long}; BIGINT UNSIGNED values
 *       above Long.MAX_VALUE are {@code BigInteger} (a value up to 2^63-1 is always a Long)</li>
 *   <li>DECIMAL: {@code BigDecimal} with the column's scale</li>
 *   <li>FLOAT, DOUBLE: {@code Double}</li>
 *   <li>CHAR, VARCHAR, TEXT kinds, ENUM, SET, JSON: {@code String}</li>
 *   <li>BINARY, VARBINARY, BLOB kinds: {@code byte[]}</li>
 *   <li>DATE: {@code LocalDate}; DATETIME, TIMESTAMP: {@code LocalDateTime} (to microseconds); TIME:
 *       {@code Duration}, signed, within ±838:59:59 (a {@code LocalTime} is accepted as input)</li>
 * </ul>
 */
public enum TypeKind {
    TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT,
    DECIMAL, FLOAT, DOUBLE,
    CHAR, VARCHAR, TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT,
    BINARY, VARBINARY, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB,
    DATE, DATETIME, TIMESTAMP, TIME, YEAR,
    BIT, ENUM, SET, JSON;

    public boolean isInteger() {
        return switch (this) {
            case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT, YEAR, BIT -> true;
            default -> false;
        };
    }

    public boolean isString() {
        return switch (this) {
            case CHAR, VARCHAR, TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT, ENUM, SET, JSON -> true;
            default -> false;
        };
    }

    public boolean isBinary() {
        return switch (this) {
            case BINARY, VARBINARY, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB -> true;
            default -> false;
        };
    }

    public boolean isTemporal() {
        return switch (this) {
            case DATE, DATETIME, TIMESTAMP, TIME -> true;
            default -> false;
        };
    }
}
