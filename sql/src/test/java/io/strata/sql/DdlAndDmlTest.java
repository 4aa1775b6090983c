package io.strata.sql;

import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;
import io.strata.spi.session.UpdateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DdlAndDmlTest extends HarnessTest {
    SqlHarness.Session s;

    @BeforeEach
    void setUp() {
        h = SqlHarness.inMemory(dir);
        s = h.session();
    }

    @Test
    void showCreateTableRoundTrips() {
        s.exec("CREATE TABLE t (id INT UNSIGNED NOT NULL AUTO_INCREMENT, b DECIMAL(10,2) DEFAULT 1.5, "
                + "c VARCHAR(20) NOT NULL DEFAULT 'x' COMMENT 'hi', d TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, "
                + "e BOOLEAN, f ENUM('a','b'), g TEXT, PRIMARY KEY (id), UNIQUE KEY uk (c), KEY k2 (b, c)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        String ddl = (String) s.rows("SHOW CREATE TABLE t").get(0).get(1);
        assertEquals("CREATE TABLE `t` (\n"
                + "  `id` int unsigned NOT NULL AUTO_INCREMENT,\n"
                + "  `b` decimal(10,2) DEFAULT '1.50',\n"
                + "  `c` varchar(20) NOT NULL DEFAULT 'x' COMMENT 'hi',\n"
                + "  `d` timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n"
                + "  `e` tinyint(1) DEFAULT NULL,\n"
                + "  `f` enum('a','b') DEFAULT NULL,\n"
                + "  `g` text,\n"
                + "  PRIMARY KEY (`id`),\n"
                + "  UNIQUE KEY `uk` (`c`),\n"
                + "  KEY `k2` (`b`,`c`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci", ddl);
        s.exec("CREATE DATABASE other");
        s.exec("USE other");
        s.exec(ddl);
        assertEquals(ddl, s.rows("SHOW CREATE TABLE t").get(0).get(1));
        s.error(ErrorCode.TABLE_EXISTS, "CREATE TABLE t (a INT)");
        s.exec("CREATE TABLE IF NOT EXISTS t (a INT)");
        assertEquals(List.of(List.of("Note", 1050L, "Table 't' already exists")), s.rows("SHOW WARNINGS"));
    }

    @Test
    void insertAndPointGet() {
        s.exec("CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(10) NOT NULL, price DECIMAL(6,2), born DATE)");
        UpdateResult r = s.update("INSERT INTO t VALUES (1, 'a', 1.234, '2020-01-02'), (2, 'b', NULL, NULL)");
        assertEquals(2, r.affectedRows());
        assertEquals("Records: 2  Duplicates: 0  Warnings: 0", r.info());
        s.exec("INSERT INTO t SET id = 3, name = 'c'");
        assertEquals(List.of(List.of(1L, "a", new BigDecimal("1.23"), LocalDate.of(2020, 1, 2))),
                s.rows("SELECT * FROM t WHERE id = 1"));
        assertEquals(List.of(List.of("c")), s.rows("SELECT name FROM t WHERE id = 3"));
        assertTrue(s.rows("SELECT name FROM t WHERE id = 4").isEmpty());
        assertEquals(3, s.rows("SELECT id FROM t").size());
    }

    @Test
    void insertErrors() {
        s.exec("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(3) NOT NULL, n TINYINT, d DATETIME)");
        s.exec("INSERT INTO t VALUES (1, 'abc', 1, NULL)");
        StrataException dup = s.error(ErrorCode.DUP_ENTRY, "INSERT INTO t VALUES (1, 'x', 1, NULL)");
        assertEquals("Duplicate entry '1' for key 't.PRIMARY'", dup.getMessage());
        assertEquals("Column 'name' cannot be null", s.error(ErrorCode.BAD_NULL_ERROR, "INSERT INTO t VALUES (2, NULL, 1, NULL)").getMessage());
        assertEquals("Field 'name' doesn't have a default value", s.error(ErrorCode.NO_DEFAULT_FOR_FIELD, "INSERT INTO t (id) VALUES (2)").getMessage());
        assertEquals("Data too long for column 'name' at row 1", s.error(ErrorCode.DATA_TOO_LONG, "INSERT INTO t VALUES (2, 'abcd', 1, NULL)").getMessage());
        assertEquals("Out of range value for column 'n' at row 2", s.error(ErrorCode.WARN_DATA_OUT_OF_RANGE,
                "INSERT INTO t VALUES (2, 'a', 1, NULL), (3, 'b', 300, NULL)").getMessage());
        s.error(ErrorCode.TRUNCATED_WRONG_VALUE_FOR_FIELD, "INSERT INTO t VALUES (2, 'a', 'x', NULL)");
        s.error(ErrorCode.TRUNCATED_WRONG_VALUE, "INSERT INTO t VALUES (2, 'a', 1, 'not a date')");
        s.error(ErrorCode.WRONG_VALUE_COUNT_ON_ROW, "INSERT INTO t VALUES (2, 'a')");
        assertEquals("Table 'test.nope' doesn't exist", s.error(ErrorCode.NO_SUCH_TABLE, "INSERT INTO nope VALUES (1)").getMessage());
        assertEquals("Unknown column 'zz' in 'field list'", s.error(ErrorCode.BAD_FIELD, "INSERT INTO t (zz) VALUES (1)").getMessage());
        s.error(ErrorCode.BAD_DB_ERROR, "USE nope");
        StrataException parse = s.error(ErrorCode.PARSE_ERROR, "SELEC 1");
        assertTrue(parse.getMessage().endsWith("near 'SELEC 1' at line 1"), parse.getMessage());
        // the failed statements left nothing behind
        assertEquals(1, s.rows("SELECT id FROM t").size());
        // INSERT IGNORE turns errors into warnings
        UpdateResult r = s.update("INSERT IGNORE INTO t VALUES (1, 'dup', 1, NULL), (5, 'toolong', 300, NULL)");
        assertEquals(1, r.affectedRows());
        assertEquals(3, s.rows("SHOW WARNINGS").size());
        assertEquals(List.of(List.of(5L, "too", 127L)), s.rows("SELECT id, name, n FROM t WHERE id = 5"));
    }

    @Test
    void autoIncrementAndLastInsertId() {
        s.exec("CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
        UpdateResult r = s.update("INSERT INTO t (v) VALUES (10), (20)");
        assertEquals(1, r.lastInsertId());
        assertEquals(1L, s.value("SELECT @@last_insert_id"));
        s.exec("INSERT INTO t VALUES (100, 1)");
        UpdateResult next = s.update("INSERT INTO t (v) VALUES (30)");
        assertEquals(101, next.lastInsertId());
        assertEquals(List.of(List.of(30L)), s.rows("SELECT v FROM t WHERE id = 101"));
        s.exec("INSERT INTO t VALUES (NULL, 5)");
        assertEquals(102L, s.value("SELECT @@last_insert_id"));
    }

    @Test
    void uniqueIndexMaintainedByUpdateAndDelete() {
        s.exec("CREATE TABLE u (id INT PRIMARY KEY, email VARCHAR(50), n INT, UNIQUE KEY uk_email (email), KEY k_n (n))");
        s.exec("INSERT INTO u VALUES (1, 'a@x', 1), (2, 'b@x', 2), (3, NULL, 3), (4, NULL, 3)");
        assertEquals("Duplicate entry 'a@x' for key 'u.uk_email'",
                s.error(ErrorCode.DUP_ENTRY, "INSERT INTO u VALUES (5, 'a@x', 5)").getMessage());
        UpdateResult r = s.update("UPDATE u SET email = 'c@x' WHERE id = 1");
        assertEquals(1, r.affectedRows());
        assertEquals("Rows matched: 1  Changed: 1  Warnings: 0", r.info());
        assertEquals(List.of(List.of(1L)), s.rows("SELECT id FROM u WHERE email = 'c@x'"));
        assertTrue(s.rows("SELECT id FROM u WHERE email = 'a@x'").isEmpty());
        s.exec("INSERT INTO u VALUES (5, 'a@x', 5)");
        s.error(ErrorCode.DUP_ENTRY, "UPDATE u SET email = 'b@x' WHERE id = 5");
        assertEquals(2, s.update("UPDATE u SET n = n + 10 WHERE n = 3").affectedRows());
        assertEquals(0, s.update("UPDATE u SET n = 13 WHERE id = 3").affectedRows());
        assertEquals(2, s.update("DELETE FROM u WHERE n > 10").affectedRows());
        s.exec("DELETE FROM u WHERE id = 2");
        s.exec("INSERT INTO u VALUES (6, 'b@x', 6)");
        assertEquals(List.of(List.of(6L)), s.rows("SELECT id FROM u WHERE email = 'b@x'"));
        assertEquals(3, s.rows("SELECT id FROM u").size());
    }

    @Test
    void onDuplicateKeyUpdateReplaceAndFoundRows() {
        s.exec("CREATE TABLE c (k VARCHAR(10) PRIMARY KEY, n INT NOT NULL)");
        assertEquals(1, s.update("INSERT INTO c VALUES ('a', 1) ON DUPLICATE KEY UPDATE n = n + VALUES(n)").affectedRows());
        assertEquals(2, s.update("INSERT INTO c VALUES ('a', 5) ON DUPLICATE KEY UPDATE n = n + VALUES(n)").affectedRows());
        assertEquals(List.of(List.of(6L)), s.rows("SELECT n FROM c WHERE k = 'a'"));
        assertEquals(0, s.update("INSERT INTO c VALUES ('a', 5) ON DUPLICATE KEY UPDATE n = 6").affectedRows());
        assertEquals(2, s.update("REPLACE INTO c VALUES ('a', 7)").affectedRows());
        assertEquals(1, s.update("REPLACE INTO c VALUES ('b', 8)").affectedRows());
        assertEquals(List.of(List.of(7L)), s.rows("SELECT n FROM c WHERE k = 'a'"));
        SqlHarness.Session found = h.session(true);
        assertEquals(1, found.update("UPDATE c SET n = 7 WHERE k = 'a'").affectedRows());
    }

    @Test
    void alterTableAddsColumnsAndBackfillsIndexes() {
        s.exec("CREATE TABLE a (id INT PRIMARY KEY, v VARCHAR(5))");
        s.exec("INSERT INTO a VALUES (1, 'x'), (2, 'y'), (3, 'x')");
        s.exec("ALTER TABLE a ADD COLUMN w INT NOT NULL DEFAULT 7, ADD INDEX iv (v)");
        assertEquals(List.of(List.of(7L)), s.rows("SELECT w FROM a WHERE id = 2"));
        s.error(ErrorCode.DUP_ENTRY, "ALTER TABLE a ADD UNIQUE KEY uv (v)");
        s.exec("CREATE UNIQUE INDEX uid ON a (id, v)");
        s.exec("DROP INDEX iv ON a");
        s.exec("ALTER TABLE a DROP COLUMN w");
        assertEquals(List.of(List.of(3L, "x")), s.rows("SELECT * FROM a WHERE id = 3"));
        assertEquals(List.of("a", 0L, "PRIMARY", 1L, "id"), s.rows("SHOW INDEX FROM a").get(0).subList(0, 5));
        s.exec("TRUNCATE TABLE a");
        assertTrue(s.rows("SELECT id FROM a").isEmpty());
        s.exec("DROP TABLE a");
        s.error(ErrorCode.NO_SUCH_TABLE, "SELECT * FROM a");
        s.error(ErrorCode.BAD_TABLE, "DROP TABLE a");
        s.exec("DROP TABLE IF EXISTS a");
    }

    @Test
    void informationSchemaAndShow() {
        s.exec("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))");
        assertEquals(List.of(List.of("t")), s.rows("SHOW TABLES"));
        assertEquals(List.of(List.of("t", "BASE TABLE")), s.rows("SHOW FULL TABLES FROM test LIKE 't%'"));
        assertTrue(s.rows("SHOW DATABASES").contains(List.of("information_schema")));
        assertEquals(List.of(java.util.Arrays.asList("id", "int", "NO", "PRI", null, ""), java.util.Arrays.asList("name", "varchar(20)", "YES", "", null, "")),
                s.rows("DESCRIBE t"));
        assertEquals(List.of(List.of("t")), s.rows("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'test'"));
        assertEquals(List.of(List.of("id", "int"), List.of("name", "varchar(20)")),
                s.rows("SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_NAME = 't' ORDER BY ORDINAL_POSITION"));
        assertEquals(List.of(List.of("autocommit", "ON")), s.rows("SHOW VARIABLES LIKE 'autocommit'"));
        assertEquals(List.of(List.of("test.t", "analyze", "status", "OK")), s.rows("ANALYZE TABLE t"));
        assertEquals(1, s.rows("SHOW PROCESSLIST").size());
    }
}
