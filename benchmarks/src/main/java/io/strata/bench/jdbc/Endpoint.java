package io.strata.bench.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * One database under test, reached over JDBC: Strata or MariaDB through Connector/J (the MySQL
 * protocol, exactly as applications reach them), or DuckDB in-process. {@code name} is what the
 * reports call it ("strata", "mariadb", "duckdb").
 *
 * <p>The topology behind a MySQL endpoint is whatever serves that address (the playground, or a
 * cluster's SQL node); {@code initStatements} run on every new connection and are how a run
 * chooses session-level behaviour such as an engine or isolation level, for example
 * {@code SET SESSION transaction_isolation = 'READ-COMMITTED'}.
 */
public record Endpoint(String name, String jdbcUrl, String user, String password, List<String> initStatements) {
    public Endpoint {
        requireNonNull(name, "name is null");
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        initStatements = List.copyOf(initStatements);
    }

    public Endpoint(String name, String jdbcUrl, String user, String password) {
        this(name, jdbcUrl, user, password, List.of());
    }

    /** The same endpoint with statements to run on each new connection. */
    public Endpoint withInitStatements(List<String> statements) {
        return new Endpoint(name, jdbcUrl, user, password, statements);
    }

    /**
     * A MySQL-protocol server on {@code host:port}. Client-side prepared statements and no TLS, so
     * the comparison measures the engines rather than the handshake options each one supports.
     */
    public static Endpoint mysql(String name, String host, int port, String user, String password) {
        return mysql(name, host, port, user, password, DEFAULT_SOCKET_TIMEOUT_SECONDS);
    }

    /**
     * A socket read timeout bounds how long the client waits for any reply, connection set-up
     * included: a server that stops answering fails the statement instead of hanging the run
     * (a blocked socket read ignores thread interrupts, so nothing else can stop it).
     */
    public static Endpoint mysql(String name, String host, int port, String user, String password, int socketTimeoutSeconds) {
        String url = "jdbc:mysql://" + host + ":" + port + "/"
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true&useServerPrepStmts=false"
                + "&connectTimeout=10000&socketTimeout=" + socketTimeoutSeconds * 1000L
                + "&characterEncoding=UTF-8&serverTimezone=UTC&allowLoadLocalInfile=true";
        return new Endpoint(name, url, user, password);
    }

    /** One hour: longer than any query of the runs we make, short enough to end a hung run. */
    public static final int DEFAULT_SOCKET_TIMEOUT_SECONDS = 3600;

    /** DuckDB in this JVM; {@code file} empty for an in-memory database. */
    public static Endpoint duckdb(String name, String file) {
        return new Endpoint(name, "jdbc:duckdb:" + file, "", "");
    }

    /**
     * Parses the command-line form: {@code mysql://user:password@host:port} (password may be empty),
     * {@code duckdb} (in memory) or {@code duckdb:/path/file.db}.
     */
    public static Endpoint parse(String name, String spec) {
        return parse(name, spec, DEFAULT_SOCKET_TIMEOUT_SECONDS);
    }

    public static Endpoint parse(String name, String spec, int socketTimeoutSeconds) {
        if (spec.equals("duckdb")) {
            return duckdb(name, "");
        }
        if (spec.startsWith("duckdb:")) {
            return duckdb(name, spec.substring("duckdb:".length()));
        }
        if (spec.startsWith("mysql://")) {
            String rest = spec.substring("mysql://".length());
            String user = "root";
            String password = "";
            int at = rest.lastIndexOf('@');
            if (at >= 0) {
                String cred = rest.substring(0, at);
                rest = rest.substring(at + 1);
                int colon = cred.indexOf(':');
                user = colon < 0 ? cred : cred.substring(0, colon);
                password = colon < 0 ? "" : cred.substring(colon + 1);
            }
            int colon = rest.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("expected mysql://user:password@host:port, got " + spec);
            }
            return mysql(name, rest.substring(0, colon), Integer.parseInt(rest.substring(colon + 1)), user, password,
                    socketTimeoutSeconds);
        }
        throw new IllegalArgumentException("unknown endpoint " + spec + " (expected mysql://user:password@host:port or duckdb[:file])");
    }

    public boolean isDuckDb() {
        return jdbcUrl.startsWith("jdbc:duckdb:");
    }

    public Connection connect() throws SQLException {
        Properties p = new Properties();
        if (!isDuckDb()) {
            p.setProperty("user", user);
            p.setProperty("password", password);
        }
        Connection c = DriverManager.getConnection(jdbcUrl, p);
        try (var st = c.createStatement()) {
            for (String sql : initStatements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Creates (if needed) and selects {@code database}; DuckDB uses a schema of that name instead. */
    public void useDatabase(Connection c, String database) throws SQLException {
        try (var st = c.createStatement()) {
            if (isDuckDb()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + database);
                st.execute("USE " + database);
            } else {
                st.execute("CREATE DATABASE IF NOT EXISTS " + database);
                c.setCatalog(database);
            }
        }
    }
}
