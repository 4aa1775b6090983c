package io.strata.sql;

import io.strata.spi.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlterAndRenameTest extends HarnessTest {
    SqlHarness.Session s;

    @BeforeEach
    void setUp() {
        h = SqlHarness.inMemory(dir);
        s = h.session();
        s.exec("CREATE TABLE t (id INT PRIMARY KEY, code VARCHAR(10), qty INT, KEY k_code (code))");
        s.exec("INSERT INTO t VALUES (1, '10', 5), (2, '20', NULL)");
    }

    @Test
    void renameTableKeepsData() {
        s.exec("RENAME TABLE t TO t2");
        s.error(ErrorCode.NO_SUCH_TABLE, "SELECT * FROM t WHERE id = 1");
        assertEquals(List.of(List.of("10")), s.rows("SELECT code FROM t2 WHERE id = 1"));
        s.exec("CREATE DATABASE d");
        s.exec("ALTER TABLE t2 RENAME TO d.t3");
        assertEquals(List.of(List.of("20")), s.rows("SELECT code FROM d.t3 WHERE id = 2"));
        s.exec("CREATE TABLE a (x INT)");
        s.exec("CREATE TABLE b (y INT)");
        s.exec("RENAME TABLE a TO tmp, b TO a, tmp TO b");
        assertEquals(List.of(List.of("y")), s.rows("SHOW COLUMNS FROM a").stream().map(r -> List.of(r.get(0))).toList());
        s.error(ErrorCode.TABLE_EXISTS, "RENAME TABLE a TO b");
    }

    @Test
    void modifyColumnConvertsRowsAndIndexes() {
        s.exec("ALTER TABLE t MODIFY COLUMN code INT");
        assertEquals("int", s.rows("SHOW COLUMNS FROM t").get(1).get(1));
        assertEquals(List.of(List.of(20L)), s.rows("SELECT code FROM t WHERE id = 2"));
        assertEquals(List.of(List.of(1L)), s.rows("SELECT id FROM t WHERE code = 10"));
        s.error(ErrorCode.INVALID_USE_OF_NULL, "ALTER TABLE t MODIFY qty INT NOT NULL");
        s.exec("UPDATE t SET qty = 0 WHERE id = 2");
        s.exec("ALTER TABLE t CHANGE qty quantity BIGINT NOT NULL DEFAULT 1");
        assertEquals(Arrays.asList("quantity", "bigint", "NO", "", "1", ""), s.rows("SHOW COLUMNS FROM t").get(2));
        s.exec("ALTER TABLE t ALTER COLUMN quantity SET DEFAULT 9");
        s.exec("INSERT INTO t (id) VALUES (3)");
        assertEquals(9L, s.value("SELECT quantity FROM t WHERE id = 3"));
        s.exec("ALTER TABLE t RENAME COLUMN quantity TO q");
        assertEquals(9L, s.value("SELECT q FROM t WHERE id = 3"));
        s.exec("UPDATE t SET q = 300 WHERE id = 3");
        s.error(ErrorCode.WARN_DATA_OUT_OF_RANGE, "ALTER TABLE t MODIFY COLUMN q TINYINT NOT NULL");
        assertEquals(300L, s.value("SELECT q FROM t WHERE id = 3"));
    }

    @Test
    void createTableAsSelect() {
        s.exec("CREATE TABLE c AS SELECT id, code, qty * 2 AS dbl FROM t");
        assertEquals(List.of(Arrays.asList("10", 10L), Arrays.asList("20", null)).toString(),
                s.rows("SELECT code, dbl FROM c ORDER BY id").toString());
        List<List<Object>> cols = s.rows("SHOW COLUMNS FROM c");
        assertEquals(List.of("id", "code", "dbl"), cols.stream().map(r -> r.get(0)).toList());
        assertEquals("varchar(10)", cols.get(1).get(1));
        s.exec("CREATE TABLE c2 (id INT PRIMARY KEY, note VARCHAR(5) DEFAULT 'n') SELECT id FROM t");
        assertEquals(List.of(List.of(2L, "n")), s.rows("SELECT id, note FROM c2 WHERE id = 2"));
        s.error(ErrorCode.DUP_ENTRY, "CREATE TABLE c3 (code VARCHAR(10) PRIMARY KEY) SELECT '1' AS code FROM t");
        s.error(ErrorCode.NO_SUCH_TABLE, "SELECT * FROM c3");
        s.error(ErrorCode.NOT_SUPPORTED_YET, "CREATE TEMPORARY TABLE tmp (a INT)");
    }

    @Test
    void miscStatements() {
        assertEquals("CREATE DATABASE `test` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci */ /*!80016 DEFAULT ENCRYPTION='N' */",
                s.rows("SHOW CREATE DATABASE test").get(0).get(1));
        assertTrue(((String) s.value("SHOW GRANTS")).startsWith("GRANT ALL PRIVILEGES"));
        s.exec("FLUSH PRIVILEGES");
        s.exec("INSERT IGNORE INTO t VALUES (1, 'x', 1)");
        assertEquals(1L, s.value("SHOW COUNT(*) WARNINGS"));
    }
}
