package io.strata.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/** A playground on an ephemeral port and a temporary data folder, removed on close. */
final class PlaygroundFixture implements AutoCloseable {
    final Path dataDir;
    final Playground playground;
    final String rootPassword;

    PlaygroundFixture() {
        this("");
    }

    PlaygroundFixture(String rootPassword) {
        this(rootPassword, null);
    }

    /** @param secureFilePriv the folder server-side LOAD DATA may read, or null */
    PlaygroundFixture(String rootPassword, Path secureFilePriv) {
        this.rootPassword = rootPassword;
        try {
            dataDir = Files.createTempDirectory("strata-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        playground = Playground.start(new Playground.Options("127.0.0.1", 0, dataDir, rootPassword, secureFilePriv));
    }

    int port() {
        return playground.port();
    }

    String url(String database, String extra) {
        return jdbcUrl(port(), database, extra);
    }

    /** The Connector/J URL the end-to-end tests use for a server on the loopback port. */
    static String jdbcUrl(int port, String database, String extra) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + (database == null ? "" : database)
                + "?useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=10000&socketTimeout=120000"
                + (extra == null || extra.isEmpty() ? "" : "&" + extra);
    }

    Connection connect(String database, String extra) throws SQLException {
        return DriverManager.getConnection(url(database, extra), "root", rootPassword);
    }

    Connection connect() throws SQLException {
        return connect(null, "");
    }

    @Override
    public void close() {
        playground.close();
        deleteTree(dataDir);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
