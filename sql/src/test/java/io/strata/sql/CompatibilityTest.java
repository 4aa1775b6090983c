package io.strata.sql;

import io.strata.spi.ErrorCode;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.MysqlType;
import io.strata.spi.session.QueryResult;
import io.strata.spi.session.UpdateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What clients and tools send: connect-time queries, metadata queries, the DML shapes ORMs use. */
class CompatibilityTest extends HarnessTest {
    SqlHarness.Session s;

    @BeforeEach
    void setUp() {
        h = SqlHarness.inMemory(dir);
        s = h.session();
    }

    @Test
    void connectorJConnectSequence() {
        List<List<Object>> rows = s.rows("/* mysql-connector-j-9 */SELECT @@session.auto_increment_increment AS auto_increment_increment, "
                + "@@character_set_client AS character_set_client, @@character_set_connection AS character_set_connection, "
                + "@@character_set_results AS character_set_results, @@character_set_server AS character_set_server, "
                + "@@collation_server AS collation_server, @@collation_connection AS collation_connection, "
                + "@@init_connect AS init_connect, @@interactive_timeout AS interactive_timeout, @@license AS license, "
                + "@@lower_case_table_names AS lower_case_table_names, @@max_allowed_packet AS max_allowed_packet, "
                + "@@net_write_timeout AS net_write_timeout, @@performance_schema AS performance_schema, "
                + "@@query_cache_size AS query_cache_size, @@query_cache_type AS query_cache_type, @@sql_mode AS sql_mode, "
                + "@@system_time_zone AS system_time_zone, @@time_zone AS time_zone, "
                + "@@transaction_isolation AS transaction_isolation, @@wait_timeout AS wait_timeout");
        assertEquals(1, rows.size());
        assertEquals(1L, ((Number) rows.get(0).get(0)).longValue());
        assertEquals("REPEATABLE-READ", rows.get(0).get(19));
        s.exec("SET character_set_results = NULL");
        s.exec("SET autocommit=1");
        assertEquals("Strata, a MySQL-compatible HTAP database", s.value("SELECT @@version_comment LIMIT 1"));
    }

    @Test
    void metadataQueries() {
        s.exec("CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL, UNIQUE KEY uk (name))");
        List<List<Object>> cols = s.rows("SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE, COLUMN_KEY, EXTRA, ORDINAL_POSITION FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = 'test' AND TABLE_NAME LIKE 't' ORDER BY ORDINAL_POSITION");
        assertEquals(List.of(List.of("id", "int", "NO", "PRI", "auto_increment", 1L), List.of("name", "varchar", "NO", "UNI", "", 2L)), cols);
        assertEquals(List.of(List.of("PRIMARY", "id"), List.of("uk", "name")),
                s.rows("SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_NAME = 't' ORDER BY INDEX_NAME"));
        assertEquals(List.of(List.of("PRIMARY KEY"), List.of("UNIQUE")),
                s.rows("SELECT CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_NAME = 't' ORDER BY CONSTRAINT_TYPE"));
        assertEquals(List.of(List.of("test")), s.rows("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'test'"));
        assertEquals(List.of(List.of("name")), s.rows("SHOW COLUMNS FROM t WHERE Field = 'name'").stream().map(r -> List.of(r.get(0))).toList());
        assertEquals(9, s.rows("SHOW FULL COLUMNS FROM t").get(0).size());
        assertFalse(s.rows("SHOW TABLE STATUS").isEmpty());
        assertFalse(s.rows("SHOW COLLATION").isEmpty());
        assertEquals(List.of(List.of("utf8mb4", "UTF-8 Unicode", "utf8mb4_0900_ai_ci", 4L)), s.rows("SHOW CHARACTER SET LIKE 'utf8mb4'"));
        assertEquals("InnoDB", s.rows("SHOW ENGINES").get(0).get(0));
        assertFalse(s.rows("EXPLAIN SELECT * FROM t WHERE id = 1").isEmpty());
    }

    @Test
    void pointSelectMetadataMatchesPlanner() {
        s.exec("CREATE TABLE p (id BIGINT PRIMARY KEY, v VARCHAR(10), d DECIMAL(5,2))");
        s.exec("INSERT INTO p VALUES (1, 'x', 1.5)");
        QueryResult fast = s.result("SELECT id, v, d FROM p WHERE id = 1");
        QueryResult planned = s.result("SELECT id, v, d FROM p WHERE id >= 1");
        assertEquals(planned.columns(), fast.columns());
        ColumnMeta id = fast.columns().get(0);
        assertEquals(MysqlType.LONGLONG, id.type());
        assertTrue((id.flags() & ColumnMeta.PRI_KEY_FLAG) != 0);
    }

    @Test
    void dmlShapes() {
        s.exec("CREATE TABLE src (id INT PRIMARY KEY, v INT)");
        s.exec("INSERT INTO src VALUES (1, 10), (2, 20), (3, 30), (4, 40)");
        s.exec("CREATE TABLE dst LIKE src");
        UpdateResult r = s.update("INSERT INTO dst SELECT id, v * 2 FROM src WHERE id <= 3");
        assertEquals(3, r.affectedRows());
        assertEquals("Records: 3  Duplicates: 0  Warnings: 0", r.info());
        assertEquals(List.of(List.of(60L)), s.rows("SELECT v FROM dst WHERE id = 3"));
        assertEquals(2, s.update("UPDATE src SET v = v + 1 ORDER BY id DESC LIMIT 2").affectedRows());
        assertEquals(List.of(List.of(10L), List.of(20L), List.of(31L), List.of(41L)), s.rows("SELECT v FROM src ORDER BY id"));
        assertEquals(1, s.update("DELETE FROM src WHERE v > 10 ORDER BY v LIMIT 1").affectedRows());
        assertEquals(List.of(List.of(1L), List.of(3L), List.of(4L)), s.rows("SELECT id FROM src ORDER BY id"));
        assertEquals(3, s.update("DELETE FROM src").affectedRows());
        s.exec("INSERT INTO src (id, v) VALUES (7, DEFAULT), (8, 1 + 2)");
        assertEquals(Arrays.asList(7L, null), s.rows("SELECT id, v FROM src WHERE id = 7").get(0));
        assertEquals(3L, s.value("SELECT v FROM src WHERE id = 8"));
        s.exec("CREATE TABLE ts (id INT PRIMARY KEY, n INT, changed DATETIME DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP)");
        s.exec("INSERT INTO ts (id, n) VALUES (1, 1)");
        assertTrue(s.value("SELECT changed FROM ts WHERE id = 1") instanceof java.time.LocalDateTime);
    }

    @Test
    void typeAliases() {
        s.exec("CREATE TABLE a (c1 SERIAL, c2 NATIONAL VARCHAR(5), c3 LONG, c4 NCHAR(2), c5 BOOL)");
        List<List<Object>> cols = s.rows("SHOW COLUMNS FROM a");
        assertEquals(Arrays.asList("c1", "bigint unsigned", "NO", "UNI", null, "auto_increment"), cols.get(0));
        assertEquals("varchar(5)", cols.get(1).get(1));
        assertEquals("mediumtext", cols.get(2).get(1));
        assertEquals("char(2)", cols.get(3).get(1));
        assertEquals("tinyint(1)", cols.get(4).get(1));
        assertEquals(1L, s.update("INSERT INTO a (c2) VALUES ('x')").lastInsertId());
    }

    @Test
    void databasesAndErrors() {
        s.exec("CREATE DATABASE d1");
        s.error(ErrorCode.DB_CREATE_EXISTS, "CREATE DATABASE d1");
        s.exec("CREATE DATABASE IF NOT EXISTS d1");
        s.exec("CREATE TABLE d1.x (a INT)");
        s.exec("INSERT INTO d1.x VALUES (1)");
        s.exec("USE d1");
        assertEquals(List.of(List.of("x")), s.rows("SHOW TABLES"));
        assertEquals(1, s.update("DROP DATABASE d1").affectedRows());
        s.error(ErrorCode.NO_DB_ERROR, "SELECT * FROM x");
        s.error(ErrorCode.NO_DB_ERROR, "CREATE TABLE y (a INT)");
        s.error(ErrorCode.DB_DROP_EXISTS, "DROP DATABASE d1");
        s.error(ErrorCode.BAD_DB_ERROR, "CREATE TABLE nope.y (a INT)");
        s.exec("USE test");
        s.error(ErrorCode.MULTIPLE_PRI_KEY, "CREATE TABLE m (a INT PRIMARY KEY, b INT, PRIMARY KEY (b))");
        s.error(ErrorCode.WRONG_AUTO_KEY, "CREATE TABLE m (a INT AUTO_INCREMENT, b INT)");
        s.error(ErrorCode.DUP_FIELDNAME, "CREATE TABLE m (a INT, A INT)");
        s.error(ErrorCode.INVALID_DEFAULT, "CREATE TABLE m (a INT NOT NULL DEFAULT NULL)");
        s.error(ErrorCode.EMPTY_QUERY, "  ");
        assertEquals(List.of(List.of("Error", 1065L, "Query was empty")), s.rows("SHOW WARNINGS"));
    }
}
