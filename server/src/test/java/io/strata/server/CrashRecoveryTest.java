package io.strata.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acknowledged commits survive kill -9: the playground runs as a child process, rows are
 * committed through Connector/J, the process is killed with SIGKILL (no shutdown hook runs), a new
 * process starts on the same data folder and every acknowledged row is there.
 */
class CrashRecoveryTest {
    private static final Pattern CONNECT_LINE = Pattern.compile("Connect with: mysql -h \\S+ -P (\\d+)");
    private final List<Process> processes = new ArrayList<>();
    private Path dataDir;

    @AfterEach
    void cleanUp() {
        processes.forEach(Process::destroyForcibly);
        if (dataDir != null) {
            PlaygroundFixture.deleteTree(dataDir);
        }
    }

    @Test
    void committedRowsSurviveKillDashNine() throws Exception {
        dataDir = Files.createTempDirectory("strata-crash-");
        Child first = startChild();
        int acknowledged = 0;
        try (Connection c = connect(first.port); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE crash");
            st.execute("CREATE TABLE crash.t (id INT PRIMARY KEY, v VARCHAR(20), KEY iv (v))");
            for (int i = 1; i <= 200; i++) {
                st.executeUpdate("INSERT INTO crash.t VALUES (" + i + ", 'v" + i + "')");
                acknowledged = i;
            }
            c.setAutoCommit(false);
            st.executeUpdate("INSERT INTO crash.t VALUES (1000, 'uncommitted')");
            // left open: must not survive
        }
        first.process.destroyForcibly();
        assertTrue(first.process.waitFor(30, TimeUnit.SECONDS));

        Child second = startChild();
        try (Connection c = connect(second.port); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*), MIN(id), MAX(id) FROM crash.t")) {
                assertTrue(rs.next());
                assertEquals(acknowledged, rs.getInt(1));
                assertEquals(1, rs.getInt(2));
                assertEquals(200, rs.getInt(3));
            }
            try (ResultSet rs = st.executeQuery("SELECT id FROM crash.t WHERE v = 'v123'")) {
                assertTrue(rs.next());
                assertEquals(123, rs.getInt(1));
            }
            // the schema and the id allocators came back too: new rows and tables still work
            st.executeUpdate("INSERT INTO crash.t VALUES (201, 'after')");
            st.execute("CREATE TABLE crash.u (id INT PRIMARY KEY AUTO_INCREMENT, x INT)");
            st.executeUpdate("INSERT INTO crash.u (x) VALUES (1)");
        }
        second.process.destroy();
        assertTrue(second.process.waitFor(60, TimeUnit.SECONDS), "playground did not stop on SIGTERM");
    }

    private record Child(Process process, int port) {
    }

    private Child startChild() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xss4m", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), StrataMain.class.getName(),
                "playground", "--port", "0", "--data-dir", dataDir.toString());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        processes.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = CONNECT_LINE.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (IOException ignored) {
                        // the child went away
                    }
                }, "crash-test-drain");
                drain.setDaemon(true);
                drain.start();
                return new Child(p, Integer.parseInt(m.group(1)));
            }
        }
        throw new AssertionError("playground exited before printing its connect line");
    }

    private static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection(PlaygroundFixture.jdbcUrl(port, null, ""), "root", "");
    }
}
