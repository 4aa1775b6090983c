package io.strata.bench.jmh;

import io.strata.server.Playground;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Plan cache hit against miss, measured the way a client sees it: an in-process playground, one
 * Connector/J connection, a small range aggregate that the planner (not a point-get short path)
 * must handle. The hit sends the same text every time, so the compiled plan is reused; the miss
 * changes the select item's alias each time (a new label is new result metadata, so a new plan):
 * the planner parses, validates, optimizes and compiles anew. The difference between the two is
 * the planning cost the cache saves. {@code newLiteral} changes a compared literal each time, as
 * a client that prepares statements on its side does: the literal becomes a parameter, so the
 * statement hits the cache after that rewrite.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-Xss4m"})
@State(Scope.Benchmark)
public class BenchmarkPlanCache {
    private Path dir;
    private Playground playground;
    private Connection connection;
    private Statement statement;
    private long counter;

    @Setup(Level.Trial)
    public void setup() throws IOException, SQLException {
        dir = Files.createTempDirectory("strata-jmh-plan");
        playground = Playground.start(new Playground.Options("127.0.0.1", 0, dir, ""));
        connection = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + playground.port()
                + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true&useServerPrepStmts=false", "root", "");
        statement = connection.createStatement();
        statement.execute("CREATE DATABASE IF NOT EXISTS bench");
        statement.execute("USE bench");
        statement.execute("CREATE TABLE t (id BIGINT NOT NULL, k BIGINT NOT NULL, c VARCHAR(20), PRIMARY KEY (id))");
        StringBuilder insert = new StringBuilder("INSERT INTO t (id, k, c) VALUES ");
        for (int i = 1; i <= 100; i++) {
            insert.append(i > 1 ? ", " : "").append('(').append(i).append(", ").append(i * 7 % 100).append(", 'row").append(i).append("')");
        }
        statement.execute(insert.toString());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, SQLException {
        try {
            connection.close();
        } finally {
            playground.close();
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private long sumOf(String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Benchmark
    public long planCacheHit() throws SQLException {
        return sumOf("SELECT SUM(k) FROM t WHERE id BETWEEN 10 AND 20 AND k < 90");
    }

    @Benchmark
    public long planCacheMiss() throws SQLException {
        return sumOf("SELECT SUM(k) AS s" + (counter++) + " FROM t WHERE id BETWEEN 10 AND 20 AND k < 90");
    }

    @Benchmark
    public long newLiteral() throws SQLException {
        return sumOf("SELECT SUM(k) FROM t WHERE id BETWEEN 10 AND 20 AND k < " + (90 + counter++ % 1000));
    }
}
