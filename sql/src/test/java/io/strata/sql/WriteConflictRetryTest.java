package io.strata.sql;

import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WriteConflictRetryTest {
    @TempDir
    Path dir;

    @Test
    void autocommitStatementIsRetriedAtAFreshTimestamp() {
        ConflictInjectingKv[] kv = new ConflictInjectingKv[1];
        try (SqlHarness h = SqlHarness.wrapped(dir, real -> kv[0] = new ConflictInjectingKv(real))) {
            SqlHarness.Session s = h.session();
            s.exec("CREATE TABLE c (id INT PRIMARY KEY, n INT)");
            s.exec("INSERT INTO c VALUES (1, 0)");
            kv[0].conflictsToInject.set(2);
            kv[0].commitsAttempted.set(0);
            assertEquals(1, s.update("UPDATE c SET n = n + 1 WHERE id = 1").affectedRows());
            assertEquals(3, kv[0].commitsAttempted.get());
            assertEquals(1L, s.value("SELECT n FROM c WHERE id = 1"));

            kv[0].conflictsToInject.set(10);
            StrataException e = assertThrows(StrataException.class, () -> s.exec("UPDATE c SET n = n + 1 WHERE id = 1"));
            assertEquals(ErrorCode.WRITE_CONFLICT, e.code());
            kv[0].conflictsToInject.set(0);
            assertEquals(1L, s.value("SELECT n FROM c WHERE id = 1"));

            // inside an explicit transaction nothing is retried: the COMMIT fails
            s.exec("BEGIN");
            s.exec("UPDATE c SET n = 5 WHERE id = 1");
            kv[0].conflictsToInject.set(1);
            assertThrows(StrataException.class, () -> s.exec("COMMIT"));
            assertEquals(List.of(List.of(1L)), s.rows("SELECT n FROM c WHERE id = 1"));
        }
    }
}
