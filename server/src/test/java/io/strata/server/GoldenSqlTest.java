package io.strata.server;

import io.strata.spi.session.MysqlText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden-file SQL tests: every {@code golden/*.test} file is run twice through a real playground,
 * once over the text protocol and once with server-side prepared statements (binary protocol),
 * each time in a fresh database. See {@link GoldenFile} for the format. On a mismatch the actual
 * output is written to {@code target/golden-actual/} so it can be reviewed and copied over.
 */
class GoldenSqlTest {
    private static final Path GOLDEN_DIR = Path.of("src/test/resources/golden");
    private static final Path ACTUAL_DIR = Path.of("target/golden-actual");
    private static PlaygroundFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new PlaygroundFixture();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> goldenFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(GOLDEN_DIR)) {
            // -Dgolden=08_unsigned runs the files whose names contain that text
            String only = System.getProperty("golden", "");
            files = s.filter(p -> p.toString().endsWith(".test") && p.getFileName().toString().contains(only)).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString().replace(".test", "");
            tests.add(DynamicTest.dynamicTest(name + " (text protocol)", () -> run(file, name, false)));
            tests.add(DynamicTest.dynamicTest(name + " (binary protocol)", () -> run(file, name, true)));
        }
        return tests.stream();
    }

    private void run(Path file, String name, boolean prepared) throws Exception {
        GoldenFile golden = GoldenFile.parse(Files.readString(file, StandardCharsets.UTF_8));
        String db = "g_" + name.replaceAll("[^A-Za-z0-9_]", "_");
        try (Connection admin = fixture.connect()) {
            try (Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + db);
                st.execute("CREATE DATABASE " + db);
            }
        }
        String extra = prepared ? "useServerPrepStmts=true&cachePrepStmts=false" : "";
        StringBuilder actual = new StringBuilder();
        try (Connection conn = fixture.connect(db, extra)) {
            for (GoldenFile.Record record : golden.records()) {
                actual.append(record.header()).append('\n').append(record.sql()).append('\n');
                String outcome = execute(conn, record, prepared);
                if (record.kind() == GoldenFile.Kind.QUERY) {
                    actual.append("----\n").append(outcome);
                }
                actual.append('\n');
                String expected = record.kind() == GoldenFile.Kind.QUERY ? record.expected() : "";
                String got = record.kind() == GoldenFile.Kind.QUERY ? outcome : outcomeOfStatement(record, outcome);
                if (!expected.equals(got)) {
                    writeActual(name, prepared, actual, golden, record);
                    assertEquals(expected, got, "in " + file + " at line " + record.line() + ":\n" + record.sql());
                }
            }
        }
    }

    /** For statements the outcome must match the header's expectation; returns "" when it does. */
    private static String outcomeOfStatement(GoldenFile.Record record, String outcome) {
        String want = record.kind() == GoldenFile.Kind.STATEMENT_OK ? "ok" : "error " + record.errorCode();
        return outcome.equals(want) ? "" : "expected " + want + " but got " + outcome;
    }

    private static String execute(Connection conn, GoldenFile.Record record, boolean prepared) {
        try {
            if (prepared) {
                try (PreparedStatement ps = conn.prepareStatement(record.sql())) {
                    boolean hasRows = ps.execute();
                    return describe(record, hasRows ? ps.getResultSet() : null);
                }
            }
            try (Statement st = conn.createStatement()) {
                boolean hasRows = st.execute(record.sql());
                return describe(record, hasRows ? st.getResultSet() : null);
            }
        } catch (SQLException e) {
            return "error " + e.getErrorCode() + (record.kind() == GoldenFile.Kind.QUERY ? " " + e.getMessage() + "\n" : "");
        }
    }

    private static String describe(GoldenFile.Record record, ResultSet rs) throws SQLException {
        if (record.kind() != GoldenFile.Kind.QUERY) {
            return "ok";
        }
        if (rs == null) {
            return "(no result set)\n";
        }
        StringBuilder out = new StringBuilder();
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        for (int i = 1; i <= n; i++) {
            out.append(i > 1 ? "\t" : "").append(md.getColumnLabel(i));
        }
        out.append('\n');
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                String v = render(rs, md, i);
                row.append(i > 1 ? "\t" : "").append(v == null ? "NULL" : v);
            }
            rows.add(row.toString());
        }
        if (record.sorted()) {
            rows.sort(null);
        }
        for (String row : rows) {
            out.append(row).append('\n');
        }
        return out.toString();
    }

    /**
     * A value as MySQL's text protocol shows it (what the mysql CLI prints). Connector/J's getString
     * re-renders floating-point columns with Java's Double.toString ("15.0"), so those are formatted
     * from the double with MySQL's rules instead; everything else is the driver's string.
     */
    private static String render(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
        int type = md.getColumnType(i);
        if (type == Types.DOUBLE || type == Types.FLOAT || type == Types.REAL) {
            double d = rs.getDouble(i);
            return rs.wasNull() ? null : type == Types.REAL ? MysqlText.formatFloat((float) d) : MysqlText.formatDouble(d);
        }
        return rs.getString(i);
    }

    private static void writeActual(String name, boolean prepared, StringBuilder upToFailure, GoldenFile golden,
                                    GoldenFile.Record failed) {
        try {
            Files.createDirectories(ACTUAL_DIR);
            Path out = ACTUAL_DIR.resolve(name + (prepared ? ".ps" : "") + ".test");
            Files.writeString(out, upToFailure.toString(), StandardCharsets.UTF_8);
            System.err.printf(Locale.ROOT, "golden: actual output of %s up to line %d written to %s%n",
                    name, failed.line(), out.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
