package io.strata.sql.session;

import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;
import io.strata.spi.kv.IsolationLevel;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The system variables an engine knows, their definitions and their GLOBAL values. Sessions copy
 * the global values when they open ({@link SessionVariables}), as MySQL does; {@code SET GLOBAL}
 * affects sessions opened afterwards.
 *
 * <p>Values are Long (integers and booleans, 1/0), String, BigDecimal (values beyond a long), or
 * null for the nullable character-set variables.
 */
public final class SystemVariables {
    public enum Scope { GLOBAL, SESSION, BOTH }

    public enum Type { BOOL, INT, STRING, ISOLATION, TXN_MODE }

    /** One variable: its scope, type and default; read-only variables reject SET. */
    public record Definition(String name, Scope scope, Type type, Object defaultValue, boolean readOnly) {
    }

    /** MySQL's default max_error_count: how many diagnostics SHOW WARNINGS keeps. */
    public static final long DEFAULT_MAX_ERROR_COUNT = 1024;

    public static final String STRICT_SQL_MODE =
            "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

    /** Session variables whose value the session computes (they are not stored). */
    public static final java.util.Set<String> DYNAMIC = java.util.Set.of("last_insert_id", "identity",
            "warning_count", "error_count", "pseudo_thread_id");

    private final Map<String, Definition> definitions;
    private final Map<String, Object> globals = new ConcurrentHashMap<>();
    private final Map<String, String> aliases = Map.of("tx_isolation", "transaction_isolation",
            "tx_read_only", "transaction_read_only", "storage_engine", "default_storage_engine");

    /**
     * @param secureFilePriv the directory server-side LOAD DATA may read (with a trailing separator,
     *                       as MySQL shows it), or null when it is disabled
     */
    public SystemVariables(String serverVersion, long lockWaitTimeoutSeconds, String secureFilePriv) {
        Map<String, Definition> d = new LinkedHashMap<>();
        both(d, "auto_increment_increment", Type.INT, 1L);
        both(d, "auto_increment_offset", Type.INT, 1L);
        both(d, "autocommit", Type.BOOL, 1L);
        both(d, "big_tables", Type.BOOL, 0L);
        both(d, "character_set_client", Type.STRING, "utf8mb4");
        both(d, "character_set_connection", Type.STRING, "utf8mb4");
        both(d, "character_set_database", Type.STRING, "utf8mb4");
        both(d, "character_set_results", Type.STRING, "utf8mb4");
        both(d, "character_set_server", Type.STRING, "utf8mb4");
        global(d, "character_set_system", Type.STRING, "utf8mb3", true);
        global(d, "character_sets_dir", Type.STRING, "/usr/share/strata/charsets/", true);
        both(d, "collation_connection", Type.STRING, "utf8mb4_0900_ai_ci");
        both(d, "collation_database", Type.STRING, "utf8mb4_0900_ai_ci");
        both(d, "collation_server", Type.STRING, "utf8mb4_0900_ai_ci");
        both(d, "completion_type", Type.STRING, "NO_CHAIN");
        both(d, "cte_max_recursion_depth", Type.INT, 1000L);
        both(d, "default_storage_engine", Type.STRING, "InnoDB");
        both(d, "default_week_format", Type.INT, 0L);
        both(d, "div_precision_increment", Type.INT, 4L);
        global(d, "event_scheduler", Type.STRING, "OFF", false);
        both(d, "explicit_defaults_for_timestamp", Type.BOOL, 1L);
        both(d, "foreign_key_checks", Type.BOOL, 1L);
        both(d, "group_concat_max_len", Type.INT, 1024L);
        global(d, "have_ssl", Type.STRING, "DISABLED", true);
        global(d, "hostname", Type.STRING, "localhost", true);
        global(d, "init_connect", Type.STRING, "", false);
        both(d, "innodb_lock_wait_timeout", Type.INT, lockWaitTimeoutSeconds);
        global(d, "innodb_version", Type.STRING, serverVersion, true);
        both(d, "interactive_timeout", Type.INT, 28800L);
        both(d, "last_insert_id", Type.INT, 0L);
        global(d, "license", Type.STRING, "Apache-2.0", true);
        global(d, "log_bin", Type.BOOL, 0L, true);
        global(d, "lower_case_table_names", Type.INT, 1L, true);
        global(d, "local_infile", Type.BOOL, 1L, true);
        both(d, "max_allowed_packet", Type.INT, 67108864L);
        global(d, "max_connections", Type.INT, 151L, false);
        both(d, "max_error_count", Type.INT, DEFAULT_MAX_ERROR_COUNT);
        both(d, "max_execution_time", Type.INT, 0L);
        global(d, "max_prepared_stmt_count", Type.INT, 16382L, false);
        both(d, "net_buffer_length", Type.INT, 16384L);
        both(d, "net_read_timeout", Type.INT, 30L);
        both(d, "net_write_timeout", Type.INT, 60L);
        global(d, "performance_schema", Type.BOOL, 0L, true);
        global(d, "port", Type.INT, 4000L, true);
        global(d, "protocol_version", Type.INT, 10L, true);
        both(d, "query_cache_size", Type.INT, 0L);
        both(d, "query_cache_type", Type.STRING, "OFF");
        global(d, "read_only", Type.BOOL, 0L, false);
        global(d, "secure_file_priv", Type.STRING, secureFilePriv, true);
        global(d, "server_id", Type.INT, 1L, false);
        both(d, "sql_auto_is_null", Type.BOOL, 0L);
        both(d, "sql_mode", Type.STRING, STRICT_SQL_MODE);
        both(d, "sql_notes", Type.BOOL, 1L);
        both(d, "sql_safe_updates", Type.BOOL, 0L);
        both(d, "sql_select_limit", Type.INT, new BigDecimal("18446744073709551615"));
        both(d, "sql_warnings", Type.BOOL, 0L);
        global(d, "super_read_only", Type.BOOL, 0L, false);
        both(d, "strata_txn_mode", Type.TXN_MODE, "OPTIMISTIC");
        global(d, "system_time_zone", Type.STRING, "UTC", true);
        both(d, "time_zone", Type.STRING, "SYSTEM");
        both(d, "transaction_isolation", Type.ISOLATION, IsolationLevel.REPEATABLE_READ.mysqlName());
        both(d, "transaction_read_only", Type.BOOL, 0L);
        both(d, "unique_checks", Type.BOOL, 1L);
        global(d, "version", Type.STRING, serverVersion, true);
        global(d, "version_comment", Type.STRING, "Strata, a MySQL-compatible HTAP database", true);
        global(d, "version_compile_machine", Type.STRING, "x86_64", true);
        global(d, "version_compile_os", Type.STRING, "Linux", true);
        both(d, "wait_timeout", Type.INT, 28800L);
        d.put("warning_count", new Definition("warning_count", Scope.SESSION, Type.INT, 0L, true));
        d.put("error_count", new Definition("error_count", Scope.SESSION, Type.INT, 0L, true));
        d.put("identity", new Definition("identity", Scope.SESSION, Type.INT, 0L, false));
        d.put("pseudo_thread_id", new Definition("pseudo_thread_id", Scope.SESSION, Type.INT, 0L, false));
        this.definitions = Collections.unmodifiableMap(d);
        for (Definition def : d.values()) {
            if (def.scope() != Scope.SESSION && def.defaultValue() != null) {
                globals.put(def.name(), def.defaultValue());
            }
        }
    }

    private static void both(Map<String, Definition> d, String name, Type type, Object dflt) {
        d.put(name, new Definition(name, Scope.BOTH, type, dflt, false));
    }

    private static void global(Map<String, Definition> d, String name, Type type, Object dflt, boolean readOnly) {
        d.put(name, new Definition(name, Scope.GLOBAL, type, dflt, readOnly));
    }

    /** Canonical lower-case name, resolving aliases such as tx_isolation. */
    public String canonical(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return aliases.getOrDefault(n, n);
    }

    /** The definition, or UNKNOWN_SYSTEM_VARIABLE. */
    public Definition definition(String name) {
        Definition d = definitions.get(canonical(name));
        if (d == null) {
            throw ErrorCode.UNKNOWN_SYSTEM_VARIABLE.error(name);
        }
        return d;
    }

    public Collection<Definition> definitions() {
        return definitions.values();
    }

    public Object global(String name) {
        Definition d = definition(name);
        if (d.scope() == Scope.SESSION) {
            throw ErrorCode.INCORRECT_GLOBAL_LOCAL_VAR.error(name, "SESSION");
        }
        return globals.get(d.name());
    }

    public void setGlobal(String name, Object value) {
        Definition d = definition(name);
        if (d.readOnly()) {
            throw ErrorCode.INCORRECT_GLOBAL_LOCAL_VAR.error(name, "read only");
        }
        if (d.scope() == Scope.SESSION) {
            throw ErrorCode.INCORRECT_GLOBAL_LOCAL_VAR.error(name, "SESSION");
        }
        Object v = validate(d, value);
        if (v == null) {
            globals.remove(d.name());
        } else {
            globals.put(d.name(), v);
        }
    }

    /** A snapshot of all global values that also have session scope (the new session's values). */
    public Map<String, Object> sessionDefaults() {
        Map<String, Object> m = new TreeMap<>();
        for (Definition d : definitions.values()) {
            if (d.scope() == Scope.BOTH) {
                m.put(d.name(), globals.get(d.name()));
            } else if (d.scope() == Scope.SESSION) {
                m.put(d.name(), d.defaultValue());
            }
        }
        return m;
    }

    /** Checks and normalizes a value for a variable (booleans to 1/0, integers to Long, names upper-cased). */
    public static Object validate(Definition d, Object value) {
        String name = d.name();
        switch (d.type()) {
            case BOOL -> {
                if (value instanceof Number n) {
                    long l = n.longValue();
                    if (l == 0 || l == 1) {
                        return l;
                    }
                    throw ErrorCode.WRONG_VALUE_FOR_VAR.error(name, String.valueOf(value));
                }
                String s = String.valueOf(value).toUpperCase(Locale.ROOT);
                return switch (s) {
                    case "ON", "TRUE", "1" -> 1L;
                    case "OFF", "FALSE", "0" -> 0L;
                    default -> throw ErrorCode.WRONG_VALUE_FOR_VAR.error(name, String.valueOf(value));
                };
            }
            case INT -> {
                if (value instanceof BigDecimal bd) {
                    return bd.signum() >= 0 && bd.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? bd : bd.longValue();
                }
                if (value instanceof java.math.BigInteger bi) {
                    return bi.bitLength() > 63 ? new BigDecimal(bi) : bi.longValue();
                }
                if (value instanceof Number n) {
                    return n.longValue();
                }
                try {
                    return Long.parseLong(String.valueOf(value).trim());
                } catch (NumberFormatException e) {
                    throw new StrataException(ErrorCode.WRONG_VALUE_FOR_VAR,
                            "Incorrect argument type to variable '" + name + "'");
                }
            }
            case TXN_MODE -> {
                String mode = String.valueOf(value).toUpperCase(Locale.ROOT);
                if (!mode.equals("OPTIMISTIC") && !mode.equals("PESSIMISTIC")) {
                    throw ErrorCode.WRONG_VALUE_FOR_VAR.error(name, String.valueOf(value));
                }
                return mode;
            }
            case ISOLATION -> {
                try {
                    return IsolationLevel.fromMysqlName(String.valueOf(value)).mysqlName();
                } catch (IllegalArgumentException e) {
                    throw ErrorCode.WRONG_VALUE_FOR_VAR.error(name, String.valueOf(value));
                }
            }
            default -> {
                if (value == null) {
                    if (name.equals("character_set_results")) {
                        return null;
                    }
                    throw ErrorCode.WRONG_VALUE_FOR_VAR.error(name, "NULL");
                }
                String s = value instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(value);
                if (name.equals("sql_mode")) {
                    return s.toUpperCase(Locale.ROOT).replace(" ", "");
                }
                return s;
            }
        }
    }

    /** How SHOW VARIABLES prints a value: booleans as ON/OFF, NULL as empty. */
    public static String display(Definition d, Object value) {
        if (value == null) {
            return "";
        }
        if (d.type() == Type.BOOL && value instanceof Number n) {
            return n.longValue() != 0 ? "ON" : "OFF";
        }
        if (value instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        return value.toString();
    }
}
