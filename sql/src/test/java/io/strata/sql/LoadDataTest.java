package io.strata.sql;

import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;
import io.strata.spi.session.UpdateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LOAD DATA through a session: LOCAL files from the client, server files under secure_file_priv. */
class LoadDataTest extends HarnessTest {
    SqlHarness.Session s;
    Path files;

    @BeforeEach
    void setUp() throws IOException {
        files = Files.createDirectories(dir.resolve("files"));
        h = SqlHarness.inMemory(dir.resolve("tso"), c -> c.withSecureFilePriv(files).withLoadDataBatchRows(4));
        s = h.session();
        s.exec("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, score INT DEFAULT 7, UNIQUE KEY uk_name (name))");
    }

    private void localFile(String name, String content) {
        s.client.files.put(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private List<List<Object>> all() {
        return s.rows("SELECT id, name, score FROM t ORDER BY id");
    }

    @Test
    void localCsvWithHeaderColumnListVariablesAndSet() {
        s.exec("CREATE TABLE a (id INT AUTO_INCREMENT PRIMARY KEY, label VARCHAR(20), twice INT, note VARCHAR(10) DEFAULT 'd')");
        localFile("/data/a.csv", "label,n\r\n\"x, y\",1\r\nplain,2\r\n\"q\"\"uote\",\\N\r\n");
        UpdateResult r = s.update("LOAD DATA LOCAL INFILE '/data/a.csv' INTO TABLE a CHARACTER SET utf8mb4 "
                + "FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\\r\\n' IGNORE 1 ROWS "
                + "(label, @n) SET twice = @n * 2");
        assertEquals(3, r.affectedRows());
        assertEquals(1, r.lastInsertId());
        assertEquals("Records: 3  Deleted: 0  Skipped: 0  Warnings: 0", r.info());
        assertEquals(List.of(List.of(1L, "x, y", 2L, "d"), List.of(2L, "plain", 4L, "d"), java.util.Arrays.asList(3L, "q\"uote", null, "d")),
                s.rows("SELECT id, label, twice, note FROM a ORDER BY id"));
        assertEquals(List.of("/data/a.csv"), s.client.requested);
        assertEquals(ErrorCode.UNSUPPORTED_PS, assertThrows(StrataException.class,
                () -> s.s.prepare("LOAD DATA LOCAL INFILE '/data/a.csv' INTO TABLE a")).code());
        assertEquals(0, s.client.open.get(), "the stream is closed");
    }

    @Test
    void columnListRightAfterATerminator() {
        s.exec("CREATE TABLE c (x INT, y VARCHAR(5))");
        localFile("c.tsv", "1\ta\n2\tb\n");
        assertEquals(2, s.update("LOAD DATA LOCAL INFILE 'c.tsv' INTO TABLE c FIELDS TERMINATED BY '\\t' (x, y)").affectedRows());
        localFile("c.csv", "b,3\n");
        assertEquals(1, s.update("LOAD DATA LOCAL INFILE 'c.csv' INTO TABLE c FIELDS TERMINATED BY ',' ESCAPED BY '\\\\' "
                + "LINES TERMINATED BY '\\n' (y, x)").affectedRows());
        assertEquals(List.of(List.of(1L, "a"), List.of(2L, "b"), List.of(3L, "b")), s.rows("SELECT x, y FROM c ORDER BY x"));
    }

    @Test
    void localSkipsDuplicatesAndWarnsAboutFieldCounts() {
        s.exec("INSERT INTO t VALUES (1, 'one', 1)");
        localFile("f", "1\tdup\t5\n2\ttwo\n3\tthree\t3\textra\n4\tone\t4\n5\tfive\tnotanumber\n");
        UpdateResult r = s.update("LOAD DATA LOCAL INFILE 'f' INTO TABLE t");
        assertEquals(3, r.affectedRows());
        assertEquals("Records: 5  Deleted: 0  Skipped: 2  Warnings: 5", r.info());
        List<List<Object>> warnings = s.rows("SHOW WARNINGS");
        assertEquals(List.of(1062L, 1261L, 1262L, 1062L, 1366L), warnings.stream().map(w -> w.get(1)).toList());
        assertEquals("Row 2 doesn't contain data for all columns", warnings.get(1).get(2));
        assertEquals("Row 3 was truncated; it contained more data than there were input columns", warnings.get(2).get(2));
        assertEquals(List.of(List.of(1L, "one", 1L), List.of(2L, "two", 7L), List.of(3L, "three", 3L), List.of(5L, "five", 0L)), all());
    }

    @Test
    void warningsAreCountedButOnlyMaxErrorCountKept() {
        StringBuilder file = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            file.append(i).append("\tn").append(i).append("\tbad\n");
        }
        localFile("f", file.toString());
        s.exec("SET max_error_count = 3");
        UpdateResult r = s.update("LOAD DATA LOCAL INFILE 'f' INTO TABLE t");
        assertEquals("Records: 10  Deleted: 0  Skipped: 0  Warnings: 10", r.info());
        assertEquals(3, s.rows("SHOW WARNINGS").size());
        assertEquals(10L, ((Number) s.value("SHOW COUNT(*) WARNINGS")).longValue());
    }

    @Test
    void replaceDeletesTheOldRows() {
        s.exec("INSERT INTO t VALUES (1, 'one', 1), (2, 'two', 2)");
        localFile("f", "1,uno,10\n3,two,30\n");
        UpdateResult r = s.update("LOAD DATA LOCAL INFILE 'f' REPLACE INTO TABLE t FIELDS TERMINATED BY ','");
        assertEquals("Records: 2  Deleted: 2  Skipped: 0  Warnings: 0", r.info());
        assertEquals(4, r.affectedRows());
        assertEquals(List.of(List.of(1L, "uno", 10L), List.of(3L, "two", 30L)), all());
    }

    @Test
    void serverFilesOnlyUnderSecureFilePriv() throws IOException {
        Files.writeString(files.resolve("in.txt"), "1\ta\n2\tb\n3\tc\n4\td\n5\te\n6\ta\n7\tg\n");
        // not LOCAL and not IGNORE: a duplicate is an error, and the batches before it stay committed
        StrataException dup = assertThrows(StrataException.class, () -> s.exec("LOAD DATA INFILE 'in.txt' INTO TABLE t (id, name)"));
        assertEquals(ErrorCode.DUP_ENTRY, dup.code());
        assertEquals(List.of(1L, 2L, 3L, 4L), all().stream().map(r -> r.get(0)).toList(), "the first batch of 4 rows was committed");
        s.exec("DELETE FROM t");
        UpdateResult r = s.update("LOAD DATA INFILE '" + files.resolve("in.txt") + "' IGNORE INTO TABLE t (id, name)");
        assertEquals("Records: 7  Deleted: 0  Skipped: 1  Warnings: 1", r.info());
        assertEquals(6, r.affectedRows());

        Files.writeString(dir.resolve("outside.txt"), "9\tz\n");
        StrataException outside = assertThrows(StrataException.class,
                () -> s.exec("LOAD DATA INFILE '" + dir.resolve("outside.txt") + "' INTO TABLE t"));
        assertEquals(1290, outside.code().mysqlCode());
        assertEquals("The MySQL server is running with the --secure-file-priv option so it cannot execute this statement",
                outside.getMessage());
        assertEquals(1290, assertThrows(StrataException.class, () -> s.exec("LOAD DATA INFILE '../outside.txt' INTO TABLE t"))
                .code().mysqlCode());
        StrataException missing = assertThrows(StrataException.class, () -> s.exec("LOAD DATA INFILE 'nope.txt' INTO TABLE t"));
        assertEquals(29, missing.code().mysqlCode());
        assertTrue(s.value("SELECT @@secure_file_priv").toString().startsWith(files.toAbsolutePath().toString()));
    }

    @Test
    void disabledByDefaultAndRefusedWithoutClientSupport() {
        try (SqlHarness plain = SqlHarness.inMemory(dir.resolve("tso2"))) {
            SqlHarness.Session p = plain.session();
            p.exec("CREATE TABLE t (id INT PRIMARY KEY)");
            assertEquals(1290, assertThrows(StrataException.class, () -> p.exec("LOAD DATA INFILE '/etc/hostname' INTO TABLE t"))
                    .code().mysqlCode());
            assertEquals(null, p.value("SELECT @@secure_file_priv"));
            StrataException refused = assertThrows(StrataException.class, () -> p.exec("LOAD DATA LOCAL INFILE 'x' INTO TABLE t"));
            assertEquals(3948, refused.code().mysqlCode());
            assertEquals("42000", refused.code().sqlState());
            assertEquals(1146, assertThrows(StrataException.class, () -> p.exec("LOAD DATA LOCAL INFILE 'x' INTO TABLE nope"))
                    .code().mysqlCode());
            assertEquals(List.of("x"), p.client.requested, "the table is checked before the file is requested");
        }
    }

    @Test
    void insideATransactionTheLoadJoinsIt() {
        localFile("f", "1\ta\n2\tb\n3\tc\n4\td\n5\te\n");
        s.exec("BEGIN");
        assertEquals(5, s.update("LOAD DATA LOCAL INFILE 'f' INTO TABLE t (id, name)").affectedRows());
        s.exec("ROLLBACK");
        assertEquals(List.of(), all());
    }
}
