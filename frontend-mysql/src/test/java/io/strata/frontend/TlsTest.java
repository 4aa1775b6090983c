package io.strata.frontend;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * TLS after an SSLRequest, with a throwaway self-signed certificate made by the JDK's keytool.
 * Over TLS caching_sha2_password full authentication takes the password in the clear, so a first
 * login works without RSA key retrieval.
 */
class TlsTest {
    private static SSLContext tls;

    @TempDir
    static Path dir;

    private FakeQueryEngine engine;
    private MySqlServer server;
    private int port;

    @BeforeAll
    static void certificate() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "strata", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool hung");
        assertEquals(0, process.exitValue(), output);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
    }

    @BeforeEach
    void start() {
        engine = new FakeQueryEngine().withAccount("root", "").withAccount("alice", "s3cret");
        server = new MySqlServer(engine, TestKeys.config().withTls(tls));
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void connectorJOverTls() throws SQLException {
        String url = "jdbc:mysql://127.0.0.1:" + port + "/?sslMode=REQUIRED&allowPublicKeyRetrieval=false";
        try (Connection c = DriverManager.getConnection(url, "alice", "s3cret"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM types")) {
            assertTrue(rs.next());
            assertEquals("héllo wörld", rs.getString("str"));
        }
    }

    @Test
    void plainConnectionsStillWork() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port
                + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true", "alice", "s3cret")) {
            assertTrue(c.isValid(5));
        }
    }

    @Test
    void mysqlCliOverTls() throws Exception {
        Path mysql = Path.of("/usr/bin/mysql");
        assumeTrue(Files.isExecutable(mysql), "mysql client not installed");
        Process process = new ProcessBuilder(List.of(mysql.toString(), "--no-defaults", "--ssl", "-h", "127.0.0.1", "-P",
                Integer.toString(port), "-u", "alice", "-ps3cret", "--batch", "-e", "SELECT 1"))
                .redirectErrorStream(true).start();
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), output);
            assertEquals("1\n1\n", output);
        } finally {
            process.destroyForcibly();
        }
    }
}
