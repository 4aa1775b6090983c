package io.strata.spi;

/**
 * Errors that reach a client. Each constant carries the MySQL error number and SQLSTATE the
 * client sees; both are part of the wire contract and never change once released (the constant
 * names may). Messages are {@link String#format} templates in MySQL's own wording, so tools that
 * match on text keep working.
 *
 * <p>Internal failures that are retried inside the server (region errors, for instance) are not
 * listed here: they are typed exceptions of their own and never cross to a client.
 */
public enum ErrorCode {
    // --- connection and protocol ---
    ACCESS_DENIED(1045, "28000", "Access denied for user '%s'@'%s' (using password: %s)"),
    UNKNOWN_COM(1047, "08S01", "Unknown command"),
    HANDSHAKE_ERROR(1043, "08S01", "Bad handshake"),
    NET_PACKET_TOO_LARGE(1153, "08S01", "Got a packet bigger than 'max_allowed_packet' bytes"),
    NET_READ_ERROR(1158, "08S01", "Got an error reading communication packets"),
    NET_READ_INTERRUPTED(1159, "08S01", "Got timeout reading communication packets"),
    CLIENT_LOCAL_FILES_DISABLED(3948, "42000", "Loading local data is disabled; this must be enabled on both the client and server sides"),
    NO_DB_ERROR(1046, "3D000", "No database selected"),
    QUERY_INTERRUPTED(1317, "70100", "Query execution was interrupted"),
    UNKNOWN_STMT_HANDLER(1243, "HY000", "Unknown prepared statement handler (%s) given to %s"),
    WRONG_ARGUMENTS(1210, "HY000", "Incorrect arguments to %s"),
    NO_SUCH_THREAD(1094, "HY000", "Unknown thread id: %s"),
    KILL_DENIED(1095, "HY000", "You are not owner of thread %s"),
    DBACCESS_DENIED(1044, "42000", "Access denied for user '%s'@'%s' to database '%s'"),

    // --- parse and name resolution ---
    PARSE_ERROR(1064, "42000", "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '%s' at line %d"),
    EMPTY_QUERY(1065, "42000", "Query was empty"),
    BAD_DB_ERROR(1049, "42000", "Unknown database '%s'"),
    DB_CREATE_EXISTS(1007, "HY000", "Can't create database '%s'; database exists"),
    DB_DROP_EXISTS(1008, "HY000", "Can't drop database '%s'; database doesn't exist"),
    NO_SUCH_TABLE(1146, "42S02", "Table '%s.%s' doesn't exist"),
    TABLE_EXISTS(1050, "42S01", "Table '%s' already exists"),
    BAD_TABLE(1051, "42S02", "Unknown table '%s'"),
    BAD_FIELD(1054, "42S22", "Unknown column '%s' in '%s'"),
    DUP_FIELDNAME(1060, "42S21", "Duplicate column name '%s'"),
    DUP_KEYNAME(1061, "42000", "Duplicate key name '%s'"),
    NON_UNIQ_TABLE(1066, "42000", "Not unique table/alias: '%s'"),
    NON_UNIQ_FIELD(1052, "23000", "Column '%s' in %s is ambiguous"),
    CANT_DROP_FIELD_OR_KEY(1091, "42000", "Can't DROP '%s'; check that column/key exists"),
    KEY_DOES_NOT_EXIST(1176, "42000", "Key '%s' doesn't exist in table '%s'"),
    KEY_COLUMN_DOES_NOT_EXIST(1072, "42000", "Key column '%s' doesn't exist in table"),
    DERIVED_MUST_HAVE_ALIAS(1248, "42000", "Every derived table must have its own alias"),
    WRONG_NUMBER_OF_COLUMNS_IN_SELECT(1222, "21000", "The used SELECT statements have a different number of columns"),
    MULTIPLE_PRI_KEY(1068, "42000", "Multiple primary key defined"),
    WRONG_AUTO_KEY(1075, "42000", "Incorrect table definition; there can be only one auto column and it must be defined as a key"),
    TOO_BIG_PRECISION(1426, "42000", "Too-big precision %d specified for '%s'. Maximum is %d."),
    WRONG_FIELD_WITH_GROUP(1055, "42000", "Expression #%d of SELECT list is not in GROUP BY clause and contains nonaggregated column '%s' which is not functionally dependent on columns in GROUP BY clause; this is incompatible with sql_mode=only_full_group_by"),
    INVALID_GROUP_FUNC_USE(1111, "HY000", "Invalid use of group function"),
    WRONG_VALUE_COUNT_ON_ROW(1136, "21S01", "Column count doesn't match value count at row %d"),
    OPERAND_COLUMNS(1241, "21000", "Operand should contain %d column(s)"),
    SUBQUERY_NO_1_ROW(1242, "21000", "Subquery returns more than 1 row"),
    SP_DOES_NOT_EXIST(1305, "42000", "FUNCTION %s does not exist"),
    WRONG_PARAMCOUNT_TO_NATIVE_FCT(1582, "42000", "Incorrect parameter count in the call to native function '%s'"),
    UNKNOWN_SYSTEM_VARIABLE(1193, "HY000", "Unknown system variable '%s'"),
    WRONG_VALUE_FOR_VAR(1231, "42000", "Variable '%s' can't be set to the value of '%s'"),
    INCORRECT_GLOBAL_LOCAL_VAR(1238, "HY000", "Variable '%s' is a %s variable"),
    GLOBAL_VARIABLE(1229, "HY000", "Variable '%s' is a GLOBAL variable and should be set with SET GLOBAL"),
    UNKNOWN_CHARACTER_SET(1115, "42000", "Unknown character set: '%s'"),
    UNKNOWN_COLLATION(1273, "HY000", "Unknown collation: '%s'"),
    COLLATION_CHARSET_MISMATCH(1253, "42000", "COLLATION '%s' is not valid for CHARACTER SET '%s'"),
    NOT_SUPPORTED_YET(1235, "42000", "This version of Strata doesn't yet support '%s'"),
    UNSUPPORTED_PS(1295, "HY000", "This command is not supported in the prepared statement protocol yet"),

    // --- files (LOAD DATA) ---
    FILE_NOT_FOUND(29, "HY000", "File '%s' not found (OS errno 2 - No such file or directory)"),
    OPTION_PREVENTS_STATEMENT(1290, "HY000", "The MySQL server is running with the %s option so it cannot execute this statement"),
    WARN_TOO_FEW_RECORDS(1261, "01000", "Row %d doesn't contain data for all columns"),
    WARN_TOO_MANY_RECORDS(1262, "01000", "Row %d was truncated; it contained more data than there were input columns"),

    // --- data ---
    DUP_ENTRY(1062, "23000", "Duplicate entry '%s' for key '%s'"),
    BAD_NULL_ERROR(1048, "23000", "Column '%s' cannot be null"),
    INVALID_USE_OF_NULL(1138, "22004", "Invalid use of NULL value"),
    WARN_DATA_TRUNCATED(1265, "01000", "Data truncated for column '%s' at row %d"),
    INVALID_ARGUMENT_FOR_LOGARITHM(3020, "2201E", "Invalid argument for logarithm"),
    NO_DEFAULT_FOR_FIELD(1364, "HY000", "Field '%s' doesn't have a default value"),
    DATA_TOO_LONG(1406, "22001", "Data too long for column '%s' at row %d"),
    WARN_DATA_OUT_OF_RANGE(1264, "22003", "Out of range value for column '%s' at row %d"),
    DATA_OUT_OF_RANGE(1690, "22003", "%s value is out of range in '%s'"),
    TRUNCATED_WRONG_VALUE(1292, "22007", "Truncated incorrect %s value: '%s'"),
    TRUNCATED_WRONG_VALUE_FOR_FIELD(1366, "HY000", "Incorrect %s value: '%s' for column '%s' at row %d"),
    DIVISION_BY_ZERO(1365, "22012", "Division by 0"),
    INVALID_DEFAULT(1067, "42000", "Invalid default value for '%s'"),
    ILLEGAL_VALUE_FOR_TYPE(1367, "22007", "Illegal %s '%s' value found during parsing"),
    AUTOINC_READ_FAILED(1467, "HY000", "Failed to read auto-increment value from storage engine"),

    // --- transactions ---
    LOCK_WAIT_TIMEOUT(1205, "HY000", "Lock wait timeout exceeded; try restarting transaction"),
    LOCK_DEADLOCK(1213, "40001", "Deadlock found when trying to get lock; try restarting transaction"),
    WRITE_CONFLICT(1213, "40001", "Deadlock found when trying to get lock; try restarting transaction (write conflict on %s)"),
    CANT_CHANGE_TX_CHARACTERISTICS(1568, "25001", "Transaction characteristics can't be changed while a transaction is in progress"),
    READ_ONLY_TRANSACTION(1792, "25006", "Cannot execute statement in a READ ONLY transaction."),

    // --- server ---
    SERVER_SHUTDOWN(1053, "08S01", "Server shutdown in progress"),
    TOO_MANY_CONNECTIONS(1040, "08004", "Too many connections"),
    OUT_OF_RESOURCES(1041, "HY000", "Out of memory; check if mysqld or some other process uses all available memory"),
    STORAGE_ERROR(1030, "HY000", "Got error %s from storage engine"),
    INTERNAL(1105, "HY000", "%s");

    private final int mysqlCode;
    private final String sqlState;
    private final String template;

    ErrorCode(int mysqlCode, String sqlState, String template) {
        this.mysqlCode = mysqlCode;
        this.sqlState = sqlState;
        this.template = template;
    }

    public int mysqlCode() {
        return mysqlCode;
    }

    public String sqlState() {
        return sqlState;
    }

    public String format(Object... args) {
        return args.length == 0 && !template.contains("%") ? template : String.format(java.util.Locale.ROOT, template, args);
    }

    /** Shorthand for {@code new StrataException(this, args)}. */
    public StrataException error(Object... args) {
        return new StrataException(this, format(args));
    }
}
