package io.strata.optimizer.calcite;

import io.strata.spi.StrataException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden files in {@code src/test/resources/golden/*.sql} (in the spirit of Calcite's .iq files):
 * a case is a line {@code > sql}, then the expected rows as "a|b|c" (NULL for null), or
 * {@code ! code message} for an expected error, ended by a blank line. Lines starting with # are
 * comments. When a file does not match, the actual output of the whole file is written to
 * {@code target/golden-actual/} so it can be reviewed and copied over.
 */
class GoldenFileTest {
    private static final List<String> FILES = List.of("functions.sql", "queries.sql");

    record Case(String sql, List<String> expected) {
    }

    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String file : FILES) {
            List<Case> cases = parse(read(file));
            StringBuilder actualFile = new StringBuilder();
            // one fixture per file: cases only read, and sharing the planner exercises its caches
            Fixture f = new Fixture();
            for (Case c : cases) {
                tests.add(DynamicTest.dynamicTest(file + ": " + c.sql(), () -> {
                    List<String> actual = f.evaluate(c.sql());
                    synchronized (actualFile) {
                        actualFile.append("> ").append(c.sql()).append('\n');
                        actual.forEach(l -> actualFile.append(l).append('\n'));
                        actualFile.append('\n');
                        Path out = Path.of("target", "golden-actual", file);
                        Files.createDirectories(out.getParent());
                        Files.writeString(out, actualFile.toString());
                    }
                    assertEquals(c.expected(), actual, c.sql());
                }));
            }
        }
        return tests.stream();
    }

    private static String read(String file) throws IOException {
        try (InputStream in = GoldenFileTest.class.getResourceAsStream("/golden/" + file)) {
            if (in == null) {
                throw new IOException("missing golden file " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<Case> parse(String text) {
        List<Case> cases = new ArrayList<>();
        String sql = null;
        List<String> expected = new ArrayList<>();
        for (String raw : (text + "\n\n").split("\n", -1)) {
            String line = raw.stripTrailing();
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("> ")) {
                sql = line.substring(2).trim();
                expected = new ArrayList<>();
            } else if (line.isEmpty()) {
                if (sql != null) {
                    cases.add(new Case(sql, List.copyOf(expected)));
                    sql = null;
                }
            } else if (sql != null) {
                expected.add(line);
            }
        }
        return cases;
    }

    /** The fixture tables and a planner; golden cases are read-only. */
    private static final class Fixture extends PlannerFixture {
        List<String> evaluate(String sql) {
            try {
                return rows(sql);
            } catch (StrataException e) {
                return List.of("! " + e.code().mysqlCode() + " " + e.getMessage());
            }
        }
    }
}
