package io.strata.spi.kv;

/**
 * Isolation levels, named as MySQL names them. REPEATABLE_READ is snapshot isolation: one read
 * timestamp for the whole transaction. READ_COMMITTED takes a fresh read timestamp per statement.
 */
public enum IsolationLevel {
    READ_COMMITTED("READ-COMMITTED"),
    REPEATABLE_READ("REPEATABLE-READ");

    private final String mysqlName;

    IsolationLevel(String mysqlName) {
        this.mysqlName = mysqlName;
    }

    public String mysqlName() {
        return mysqlName;
    }

    public static IsolationLevel fromMysqlName(String name) {
        String n = name.trim().replace(' ', '-').replace('_', '-').toUpperCase(java.util.Locale.ROOT);
        for (IsolationLevel l : values()) {
            if (l.mysqlName.equals(n)) {
                return l;
            }
        }
        // READ-UNCOMMITTED and SERIALIZABLE are accepted by MySQL clients; we map them to the
        // nearest level we provide rather than failing the client's connect-time SET.
        if (n.equals("READ-UNCOMMITTED")) {
            return READ_COMMITTED;
        }
        if (n.equals("SERIALIZABLE")) {
            return REPEATABLE_READ;
        }
        throw new IllegalArgumentException("unknown isolation level: " + name);
    }
}
