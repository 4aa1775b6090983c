package io.strata.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LOAD DATA end to end: LOCAL files from Connector/J and from the mysql CLI, server files under secure_file_priv. */
class LoadDataTest {
    private static final int BIG_ROWS = 100_000;
    private static final Path MYSQL = Path.of("/usr/bin/mysql");

    private static Path tmp;
    private static Path secureDir;
    private static Path bigFile;
    private static PlaygroundFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("strata-load-");
        secureDir = Files.createDirectories(tmp.resolve("secure"));
        bigFile = tmp.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(bigFile, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= BIG_ROWS; i++) {
                w.write(i + ",\"name " + i + "\"," + amount(i) + "\n");
            }
        }
        fixture = new PlaygroundFixture("", secureDir);
        try (Connection c = fixture.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE ld");
        }
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
        PlaygroundFixture.deleteTree(tmp);
    }

    private static long amount(int i) {
        return (i * 7919L) % 1000;
    }

    private static void createBig(Statement st, String table) throws SQLException {
        st.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, amount INT, UNIQUE KEY uk (name), KEY ka (amount))");
    }

    /** Row count and checksums over every column, and a lookup through each index. */
    private static void assertBigTable(Statement st, String table) throws SQLException {
        long idSum = 0;
        long weighted = 0;
        long nameLengths = 0;
        long amountRows = 0;
        for (int i = 1; i <= BIG_ROWS; i++) {
            idSum += i;
            weighted += i * amount(i);
            nameLengths += ("name " + i).length();
            if (amount(i) == 17) {
                amountRows++;
            }
        }
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(id), SUM(id * amount), SUM(CHAR_LENGTH(name)) FROM " + table)) {
            assertTrue(rs.next());
            assertEquals(BIG_ROWS, rs.getLong(1));
            assertEquals(idSum, rs.getLong(2));
            assertEquals(weighted, rs.getLong(3));
            assertEquals(nameLengths, rs.getLong(4));
        }
        try (ResultSet rs = st.executeQuery("SELECT id FROM " + table + " WHERE name = 'name 77777'")) {
            assertTrue(rs.next());
            assertEquals(77777, rs.getInt(1));
        }
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE amount = 17")) {
            assertTrue(rs.next());
            assertEquals(amountRows, rs.getLong(1));
        }
    }

    @Test
    void connectorJLoadsALocalFileOf100kRows() throws Exception {
        try (Connection c = fixture.connect("ld", "allowLoadLocalInfile=true"); Statement st = c.createStatement()) {
            createBig(st, "cj_big");
            int n = st.executeUpdate("LOAD DATA LOCAL INFILE '" + bigFile + "' INTO TABLE cj_big "
                    + "FIELDS TERMINATED BY ',' ENCLOSED BY '\"' LINES TERMINATED BY '\\n'");
            assertEquals(BIG_ROWS, n);
            assertBigTable(st, "cj_big");

            // keys met again: LOCAL skips the duplicates with warnings and loads the rest
            Path again = tmp.resolve("again.csv");
            Files.writeString(again, "5,\"fresh\",1\n" + (BIG_ROWS + 1) + ",\"name 9\",2\n" + (BIG_ROWS + 2) + ",\"new\",3\n");
            assertEquals(1, st.executeUpdate("LOAD DATA LOCAL INFILE '" + again + "' INTO TABLE cj_big "
                    + "FIELDS TERMINATED BY ',' ENCLOSED BY '\"'"));
            SQLWarning w = st.getWarnings();
            assertTrue(w != null && w.getErrorCode() == 1062, String.valueOf(w));
            assertEquals("Duplicate entry '5' for key 'cj_big.PRIMARY'", w.getMessage());
            assertEquals(1062, w.getNextWarning().getErrorCode());
        }
    }

    @Test
    void connectorJWithoutLocalInfileIsRefused() throws Exception {
        Path small = tmp.resolve("small.tsv");
        Files.writeString(small, "1\ta\n");
        try (Connection c = fixture.connect("ld", ""); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE refused (id INT PRIMARY KEY, v VARCHAR(5))");
            SQLException e = assertThrows(SQLException.class, () -> st.execute("LOAD DATA LOCAL INFILE '" + small + "' INTO TABLE refused"));
            assertEquals(3948, e.getErrorCode());
            assertEquals("42000", e.getSQLState());
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM refused")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1), "and the connection carries on");
            }
        }
    }

    @Test
    void mysqlCliLoadsLocalFiles() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(MYSQL), "mysql client not installed (CI installs mariadb-client)");
        try (Connection c = fixture.connect("ld", ""); Statement st = c.createStatement()) {
            createBig(st, "cli_big");
            st.execute("CREATE TABLE cli_small (id INT AUTO_INCREMENT PRIMARY KEY, word VARCHAR(10), n INT NOT NULL)");
        }
        Path small = tmp.resolve("small.csv");
        Files.writeString(small, "word;n\nalpha;1\nbeta\ngamma;3;extra\n");
        String out = mysql("LOAD DATA LOCAL INFILE '" + bigFile + "' INTO TABLE cli_big FIELDS TERMINATED BY ',' ENCLOSED BY '\"';"
                + " LOAD DATA LOCAL INFILE '" + small + "' INTO TABLE cli_small FIELDS TERMINATED BY ';' IGNORE 1 LINES (word, n);"
                + " SHOW WARNINGS;");
        assertEquals("Level\tCode\tMessage\n"
                + "Warning\t1261\tRow 2 doesn't contain data for all columns\n"
                + "Warning\t1364\tField 'n' doesn't have a default value\n"
                + "Warning\t1262\tRow 3 was truncated; it contained more data than there were input columns\n", out);
        try (Connection c = fixture.connect("ld", ""); Statement st = c.createStatement()) {
            assertBigTable(st, "cli_big");
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT id, word, n FROM cli_small ORDER BY id")) {
                while (rs.next()) {
                    rows.add(rs.getInt(1) + ":" + rs.getString(2) + ":" + rs.getInt(3));
                }
            }
            assertEquals(List.of("1:alpha:1", "2:beta:0", "3:gamma:3"), rows);
        }
    }

    @Test
    void serverSideFilesNeedSecureFilePriv() throws Exception {
        Files.writeString(secureDir.resolve("inside.tsv"), "1\tx\n2\ty\n");
        Path outside = tmp.resolve("outside.tsv");
        Files.writeString(outside, "3\tz\n");
        try (Connection c = fixture.connect("ld", ""); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE srv (id INT PRIMARY KEY, v VARCHAR(5))");
            assertEquals(2, st.executeUpdate("LOAD DATA INFILE 'inside.tsv' INTO TABLE srv"));
            SQLException e = assertThrows(SQLException.class, () -> st.execute("LOAD DATA INFILE '" + outside + "' INTO TABLE srv"));
            assertEquals(1290, e.getErrorCode());
            assertEquals("HY000", e.getSQLState());
            SQLException dup = assertThrows(SQLException.class, () -> st.execute("LOAD DATA INFILE 'inside.tsv' INTO TABLE srv"));
            assertEquals(1062, dup.getErrorCode());
            try (ResultSet rs = st.executeQuery("SELECT @@secure_file_priv")) {
                assertTrue(rs.next());
                assertEquals(secureDir.toAbsolutePath().normalize() + "/", rs.getString(1));
            }
        }
    }

    private static String mysql(String sql) throws IOException, InterruptedException {
        List<String> cmd = List.of(MYSQL.toString(), "-h", "127.0.0.1", "-P", String.valueOf(fixture.port()), "-u", "root",
                "--batch", "--connect-timeout=10", "--local-infile=1", "-D", "ld", "-e", sql);
        Process p = new ProcessBuilder(cmd).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mysql client hung on: " + sql);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), err);
        return out;
    }
}
