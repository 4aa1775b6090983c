package io.strata.bench.jdbc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads a result set into engine-neutral values and compares two results. Values are normalised
 * so that representation differences between engines are not reported as wrong answers: every
 * number becomes a BigDecimal, every date its ISO text, CHAR padding is dropped.
 *
 * <p>Numbers match when they agree to the cent after rounding, or within a relative 1e-6, or within
 * 1e-4 absolute. The last rule exists because MySQL divides DECIMALs to only four more digits
 * ({@code div_precision_increment}) where DuckDB computes a double; TPC-H itself only asks for
 * results "rounded to the nearest 1/100th" (specification 2.1.3.5).
 */
public final class Rows {
    private Rows() {
    }

    public static List<List<Object>> read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(normalize(rs.getObject(i)));
            }
            rows.add(row);
        }
        return rows;
    }

    public static Object normalize(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? d.toString() : BigDecimal.valueOf(d);
        }
        if (v instanceof Float f) {
            return BigDecimal.valueOf(f.doubleValue());
        }
        if (v instanceof Number num) {
            return new BigDecimal(num.toString());
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        if (v instanceof LocalDateTime t) {
            return t.toString();
        }
        if (v instanceof Boolean b) {
            return new BigDecimal(b ? 1 : 0);
        }
        return stripTrailing(v.toString());
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Empty when equal; otherwise a description of the first difference. */
    public static Optional<String> compare(List<List<Object>> actual, List<List<Object>> expected, boolean ordered) {
        List<List<Object>> a = actual;
        List<List<Object>> e = expected;
        if (a.size() != e.size()) {
            return Optional.of("row count " + a.size() + " vs " + e.size());
        }
        if (!ordered) {
            a = sorted(a);
            e = sorted(e);
        }
        for (int r = 0; r < a.size(); r++) {
            List<Object> ar = a.get(r);
            List<Object> er = e.get(r);
            if (ar.size() != er.size()) {
                return Optional.of("column count " + ar.size() + " vs " + er.size());
            }
            for (int c = 0; c < ar.size(); c++) {
                if (!valueEquals(ar.get(c), er.get(c))) {
                    return Optional.of("row " + (r + 1) + " column " + (c + 1) + ": " + ar.get(c) + " vs " + er.get(c)
                            + " (rows " + ar + " vs " + er + ")");
                }
            }
        }
        return Optional.empty();
    }

    public static boolean valueEquals(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            if (x.compareTo(y) == 0) {
                return true;
            }
            if (x.setScale(2, RoundingMode.HALF_UP).compareTo(y.setScale(2, RoundingMode.HALF_UP)) == 0) {
                return true;
            }
            BigDecimal diff = x.subtract(y).abs();
            if (diff.compareTo(new BigDecimal("0.0001")) <= 0) {
                return true;
            }
            BigDecimal scale = x.abs().max(y.abs());
            return diff.compareTo(scale.multiply(new BigDecimal("0.000001"))) <= 0;
        }
        if (a instanceof BigDecimal || b instanceof BigDecimal) {
            // One engine typed a column as text and the other as a number: compare as numbers if possible.
            try {
                return valueEquals(new BigDecimal(a.toString().trim()), new BigDecimal(b.toString().trim()));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return a.equals(b);
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(Object::toString));
        return copy;
    }
}
