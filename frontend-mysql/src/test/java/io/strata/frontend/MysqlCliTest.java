package io.strata.frontend;

import io.strata.frontend.auth.AuthPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The MariaDB command-line client ({@code /usr/bin/mysql} on Debian) against the server, with
 * either authentication plugin as the server default. The MariaDB client has a
 * caching_sha2_password plugin; without TLS and without a key file it asks for the server's RSA
 * key (like Connector/J with allowPublicKeyRetrieval).
 */
class MysqlCliTest {
    private static final Path MYSQL = Path.of("/usr/bin/mysql");

    private MySqlServer server;
    private int port;

    @BeforeEach
    void requireClient() {
        assumeTrue(Files.isExecutable(MYSQL), "mysql client not installed");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(AuthPlugin plugin) {
        FakeQueryEngine engine = new FakeQueryEngine().withAccount("root", "").withAccount("alice", "s3cret");
        server = new MySqlServer(engine, TestKeys.config().withAuthPlugin(plugin).withThreads(1, 2));
        port = server.start();
    }

    private Result run(String user, String password, String sql) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(MYSQL.toString(), "--no-defaults", "-h", "127.0.0.1", "-P", Integer.toString(port),
                "-u", user, "--batch", "--connect-timeout=10"));
        if (password != null) {
            command.add("-p" + password);
        }
        command.add("-e");
        command.add(sql);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("mysql client did not finish");
            }
            return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }

    private record Result(int exitCode, String output) {
    }

    @ParameterizedTest
    @EnumSource(AuthPlugin.class)
    void queriesWithEitherPlugin(AuthPlugin plugin) throws Exception {
        start(plugin);
        Result result = run("root", null, "SELECT * FROM types");
        assertEquals(0, result.exitCode(), result.output());
        String[] lines = result.output().split("\n");
        assertEquals("id\ttiny\tsmall\tmedium\tint\tubig\tdbl\tflt\tdec\tstr\tblb\tdt\tts\td\tt\tyr\tnul", lines[0]);
        assertTrue(lines[1].startsWith("1\t-7\t-300\t70000\t-2000000000\t18446744073709551615\t0.1\t1.5\t12.34\théllo wörld\t"), lines[1]);
        assertTrue(lines[1].endsWith("\t2024-01-05 10:20:30.123456\t2024-01-05 10:20:30\t2024-01-05\t10:20:30\t2024\tNULL"), lines[1]);
    }

    @ParameterizedTest
    @EnumSource(AuthPlugin.class)
    void passwordUserWithEitherPlugin(AuthPlugin plugin) throws Exception {
        start(plugin);
        Result ok = run("alice", "s3cret", "SELECT 1");
        assertEquals(0, ok.exitCode(), ok.output());
        assertEquals("1\n1\n", ok.output());
        // A second login takes the caching_sha2 fast path when the first filled the cache.
        Result again = run("alice", "s3cret", "SELECT 1");
        assertEquals(0, again.exitCode(), again.output());
        Result denied = run("alice", "wrong", "SELECT 1");
        assertTrue(denied.exitCode() != 0);
        assertTrue(denied.output().contains("ERROR 1045 (28000): Access denied for user 'alice'@'127.0.0.1' (using password: YES)"), denied.output());
    }

    @Test
    void multipleStatementsAndErrors() throws Exception {
        start(AuthPlugin.CACHING_SHA2_PASSWORD);
        Result result = run("root", null, "SELECT 1; INSERT INTO t VALUES (1); SELECT 2");
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("1\n1\n2\n2\n", result.output());
        Result error = run("root", null, "SELECT * FROM missing");
        assertEquals(1, error.exitCode());
        assertTrue(error.output().contains("ERROR 1146 (42S02)"), error.output());
    }
}
