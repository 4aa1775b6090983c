package io.strata.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogReloadTest {
    @TempDir
    Path dir;

    @Test
    void catalogDataAndIdsSurviveReopen() {
        String ddl;
        try (SqlHarness h = SqlHarness.onDisk(dir)) {
            SqlHarness.Session s = h.session();
            s.exec("CREATE DATABASE shop");
            s.exec("USE shop");
            s.exec("CREATE TABLE item (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(30) NOT NULL, UNIQUE KEY uk_name (name))");
            s.exec("INSERT INTO item (name) VALUES ('a'), ('b')");
            ddl = (String) s.rows("SHOW CREATE TABLE item").get(0).get(1);
        }
        try (SqlHarness h = SqlHarness.onDisk(dir)) {
            SqlHarness.Session s = h.session();
            assertTrue(s.rows("SHOW DATABASES").contains(List.of("shop")));
            assertTrue(s.rows("SHOW DATABASES").contains(List.of("test")));
            s.exec("USE shop");
            assertEquals(ddl, s.rows("SHOW CREATE TABLE item").get(0).get(1));
            assertEquals(List.of(List.of(2L)), s.rows("SELECT id FROM item WHERE name = 'b'"));
            long id = s.update("INSERT INTO item (name) VALUES ('c')").lastInsertId();
            assertTrue(id > 2, "a reopened store must not reuse auto-increment values, got " + id);
        }
    }
}
