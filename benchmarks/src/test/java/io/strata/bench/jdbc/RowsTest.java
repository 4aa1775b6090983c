package io.strata.bench.jdbc;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowsTest {
    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void numbersMatchAcrossRepresentations() {
        assertTrue(Rows.valueEquals(Rows.normalize(25.522005853257337), Rows.normalize(new BigDecimal("25.522006"))));
        assertTrue(Rows.valueEquals(Rows.normalize(42L), Rows.normalize(new BigDecimal("42.00"))));
        // MySQL divides decimals to four more digits only (div_precision_increment).
        assertTrue(Rows.valueEquals(Rows.normalize(new BigDecimal("0.0344")), Rows.normalize(0.03443589040665487)));
        assertTrue(Rows.valueEquals(Rows.normalize("1-URGENT      "), Rows.normalize("1-URGENT")));
    }

    @Test
    void realDifferencesAreReported() {
        assertFalse(Rows.valueEquals(Rows.normalize(new BigDecimal("100.01")), Rows.normalize(new BigDecimal("100.03"))));
        assertFalse(Rows.valueEquals(Rows.normalize(1_000_000L), Rows.normalize(1_000_010L)));
        assertFalse(Rows.valueEquals(Rows.normalize("BRAZIL"), Rows.normalize("CANADA")));
        assertFalse(Rows.valueEquals(null, Rows.normalize(0L)));
        assertEquals(Optional.of("row count 1 vs 2"), Rows.compare(List.of(row(1L)), List.of(row(1L), row(2L)), true));
    }

    @Test
    void orderMattersOnlyForOrderedQueries() {
        List<List<Object>> a = List.of(row(new BigDecimal(1)), row(new BigDecimal(2)));
        List<List<Object>> b = List.of(row(new BigDecimal(2)), row(new BigDecimal(1)));
        assertTrue(Rows.compare(a, b, true).isPresent());
        assertEquals(Optional.empty(), Rows.compare(a, b, false));
    }
}
