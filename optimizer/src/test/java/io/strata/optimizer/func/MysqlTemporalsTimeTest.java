package io.strata.optimizer.func;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** MySQL's TIME: its text forms, its ±838:59:59 range, rounding. */
class MysqlTemporalsTimeTest {
    private static long micros(long h, long m, long s, long us) {
        return ((h * 60 + m) * 60 + s) * 1_000_000L + us;
    }

    @Test
    void parsesMysqlsTimeForms() {
        assertEquals(micros(11, 12, 0, 0), MysqlTemporals.parseTimeMicros("11:12"));
        assertEquals(micros(0, 11, 12, 0), MysqlTemporals.parseTimeMicros("1112"));
        assertEquals(micros(0, 0, 12, 0), MysqlTemporals.parseTimeMicros("12"));
        assertEquals(micros(838, 59, 59, 0), MysqlTemporals.parseTimeMicros("8385959"));
        assertEquals(-micros(26, 3, 4, 500_000), MysqlTemporals.parseTimeMicros("-1 02:03:04.5"));
        assertEquals(micros(900, 0, 0, 1), MysqlTemporals.parseTimeMicros("900:00:00.000001"));
        assertEquals(micros(3, 4, 5, 0), MysqlTemporals.parseTimeMicros("2024-01-02 03:04:05"));
        assertNull(MysqlTemporals.parseTimeMicros("10:60:00"));
        assertNull(MysqlTemporals.parseTimeMicros("abc"));
    }

    @Test
    void clipsToTheRangeAndRounds() {
        assertEquals(Duration.ofSeconds(-micros(838, 59, 59, 0) / 1_000_000), MysqlTemporals.toTime("-900:00:00", null));
        assertEquals(Duration.ofSeconds(micros(838, 59, 59, 0) / 1_000_000), MysqlTemporals.toTime("838:59:59.5", null));
        assertEquals(Duration.ofSeconds(-1), MysqlTemporals.round(Duration.ofMillis(-500), 0));
        assertEquals(Duration.ofMillis(-120), MysqlTemporals.round(Duration.ofNanos(-123_456_000), 2));
        assertEquals(Duration.ofHours(3), MysqlTemporals.toTime(LocalDateTime.of(2020, 1, 1, 3, 0), null));
    }

    @Test
    void printsAndComparesLikeMysql() {
        assertEquals("-838:59:59", MysqlValues.toStr(MysqlTemporals.timeOfMicros(-micros(838, 59, 59, 0))));
        assertEquals("26:03:04.5", MysqlValues.toStr(MysqlTemporals.timeOfMicros(micros(26, 3, 4, 500_000))));
        assertEquals("-00:00:00.000001", MysqlValues.toStr(MysqlTemporals.timeOfMicros(-1)));
        assertEquals(-1, MysqlValues.compare(Duration.ofHours(-1), "00:00:00", null));
        assertEquals(1, Integer.signum(MysqlValues.compare(Duration.ofHours(25), "24:59:59", null)));
    }
}
