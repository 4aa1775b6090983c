package io.strata.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real {@code mysql} command-line client (Debian's mariadb-client, which CI installs) in
 * batch mode against a playground.
 */
class MysqlCliTest {
    private static final Path MYSQL = Path.of("/usr/bin/mysql");
    private static PlaygroundFixture fixture;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Files.isExecutable(MYSQL), "mysql client not installed (CI installs mariadb-client)");
        fixture = new PlaygroundFixture();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private Result mysql(String sql, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(MYSQL.toString(), "-h", "127.0.0.1", "-P", String.valueOf(fixture.port()),
                "-u", "root", "--batch", "--connect-timeout=10"));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("-e", sql));
        Process p = new ProcessBuilder(cmd).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mysql client hung on: " + sql);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void createInsertSelectInBatchMode() throws Exception {
        Result r = mysql("CREATE DATABASE cli; USE cli; CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20));"
                + " INSERT INTO t VALUES (1, 'one'), (2, NULL); SELECT id, name FROM t ORDER BY id;");
        assertEquals(0, r.exit(), r.err());
        assertEquals("id\tname\n1\tone\n2\tNULL\n", r.out());
    }

    @Test
    void versionCommentAndDatabaseOption() throws Exception {
        Result r = mysql("SELECT @@version_comment AS c", "--skip-column-names");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Strata"), r.out());
    }

    @Test
    void errorsAreReportedWithCodeAndState() throws Exception {
        Result r = mysql("SELECT * FROM no_such_db.t");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("ERROR 1146 (42S02)"), r.err());
    }
}
