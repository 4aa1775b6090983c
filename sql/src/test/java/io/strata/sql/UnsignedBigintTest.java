package io.strata.sql;

import io.strata.optimizer.calcite.CalciteQueryPlanner;
import io.strata.spi.ErrorCode;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.QueryResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BIGINT UNSIGNED over its whole range, stored in the real row store. */
class UnsignedBigintTest extends HarnessTest {
    private static final BigInteger MAX = new BigInteger("18446744073709551615");
    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);

    SqlHarness.Session s;

    @BeforeEach
    void setUp() {
        h = SqlHarness.onDisk(dir);
        s = h.session();
        s.exec("CREATE TABLE u (id BIGINT UNSIGNED PRIMARY KEY, v BIGINT UNSIGNED, UNIQUE KEY uv (v))");
        s.exec("INSERT INTO u VALUES (18446744073709551615, 1), (0, 18446744073709551615), (9223372036854775808, 0),"
                + " (9223372036854775807, 9223372036854775808)");
    }

    @Test
    void valuesComeBackInTheEngineFormAndKeysInUnsignedOrder() {
        // a full scan reads the rows in key order: the unsigned order of the primary key
        assertEquals(List.of(List.of(0L, MAX), List.of(Long.MAX_VALUE, TWO_63), List.of(TWO_63, 0L), List.of(MAX, 1L)),
                s.rows("SELECT id, v FROM u"));
        assertEquals(List.of(List.of(TWO_63), List.of(MAX), List.of(Long.MAX_VALUE), List.of(0L)),
                s.rows("SELECT id FROM u WHERE v >= 0 ORDER BY v"));
        s.error(ErrorCode.DUP_ENTRY, "INSERT INTO u VALUES (18446744073709551615, 5)");
        s.error(ErrorCode.DUP_ENTRY, "INSERT INTO u VALUES (5, 18446744073709551615)");
    }

    @Test
    void pointSelectsOnAnUnsignedKeyTakeTheShortPath() {
        CalciteQueryPlanner planner = (CalciteQueryPlanner) h.planner;
        long plans = planner.cachedPlans();
        QueryResult r = s.result("SELECT id, v FROM u WHERE id = 18446744073709551615");
        assertEquals(List.of(List.of(MAX, 1L)), SqlHarness.drain(r).stream().map(List::of).toList());
        assertEquals(List.of(List.of(Long.MAX_VALUE)), s.rows("SELECT id FROM u WHERE v = 9223372036854775808"));
        assertEquals(plans, planner.cachedPlans(), "point selects must not be planned");
        // a key no BIGINT UNSIGNED equals is left to the planner, which finds nothing
        assertEquals(List.of(), s.rows("SELECT id FROM u WHERE id = 18446744073709551616"));
        ColumnMeta id = r.columns().get(0);
        assertTrue((id.flags() & ColumnMeta.UNSIGNED_FLAG) != 0);
    }

    @Test
    void outOfRangeValuesAreRejectedOrClamped() {
        s.error(ErrorCode.WARN_DATA_OUT_OF_RANGE, "INSERT INTO u VALUES (18446744073709551616, 7)");
        s.error(ErrorCode.WARN_DATA_OUT_OF_RANGE, "INSERT INTO u VALUES (7, -1)");
        // clamped to 0 and 2^64-1, both taken already
        s.exec("INSERT IGNORE INTO u VALUES (7, -1), (8, 18446744073709551616)");
        assertEquals(List.of(List.of("Warning", 1264L, "Out of range value for column 'v' at row 1"),
                List.of("Warning", 1062L, "Duplicate entry '0' for key 'u.uv'"),
                List.of("Warning", 1264L, "Out of range value for column 'v' at row 2"),
                List.of("Warning", 1062L, "Duplicate entry '18446744073709551615' for key 'u.uv'")), s.rows("SHOW WARNINGS"));
    }

    @Test
    void theUnsignedHandleColumnKeepsItsSignedness() {
        s.error(ErrorCode.NOT_SUPPORTED_YET, "ALTER TABLE u MODIFY id BIGINT NOT NULL");
        s.exec("CREATE TABLE i (id INT UNSIGNED PRIMARY KEY)");
        s.error(ErrorCode.NOT_SUPPORTED_YET, "ALTER TABLE i MODIFY id BIGINT UNSIGNED NOT NULL");
        s.exec("ALTER TABLE i MODIFY id BIGINT NOT NULL");
    }

    @Test
    void updatesAndAutoIncrementKeepWorking() {
        s.exec("UPDATE u SET v = v + 18446744073709551614 WHERE id = 9223372036854775808");
        assertEquals(MAX.subtract(BigInteger.ONE), s.value("SELECT v FROM u WHERE id = 18446744073709551615 - 9223372036854775807"));
        s.error(ErrorCode.DATA_OUT_OF_RANGE, "UPDATE u SET v = v - 2 WHERE id = 18446744073709551615");
        s.exec("CREATE TABLE a (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, x INT)");
        s.exec("INSERT INTO a (x) VALUES (1), (2)");
        s.exec("INSERT INTO a VALUES (18446744073709551615, 3)");
        assertEquals(List.of(List.of(1L, 1L), List.of(2L, 2L), List.of(MAX, 3L)), s.rows("SELECT id, x FROM a"));
        assertEquals(1L, s.value("SELECT id FROM a WHERE id = 1"));
    }
}
