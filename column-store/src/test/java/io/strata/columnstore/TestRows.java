package io.strata.columnstore;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Random rows of every column kind with NULLs (about one value in six), from small domains so
 * that comparisons hit equality and groups repeat, and a rendering of values for comparisons.
 */
public final class TestRows {
    private TestRows() {
    }

    public static final TableSchema SCHEMA = new TableSchema(List.of(
            ColumnSpec.of(1, "i", ColumnKind.INTEGER),
            ColumnSpec.decimal(2, "d", 15, 2),
            ColumnSpec.decimal(3, "wide", 30, 4),
            ColumnSpec.of(4, "f", ColumnKind.DOUBLE),
            ColumnSpec.of(5, "s", ColumnKind.STRING),
            ColumnSpec.of(6, "b", ColumnKind.BINARY),
            ColumnSpec.of(7, "day", ColumnKind.DATE),
            ColumnSpec.of(8, "ts", ColumnKind.DATETIME),
            ColumnSpec.of(9, "t", ColumnKind.TIME)));
    public static List<Object[]> randomRows(Random r, int n) {
        List<Object[]> rows = new ArrayList<>();
        // short strings are packed into their group code, longer ones go through the dictionary
        String[] words = {"", "a", "ab", "b", "é", "AIR", "AIR REG", "\uD83D\uDE00", "abcdefgh", "DELIVER IN PERSON",
                "DELIVER IN PERSON ", "TAKE BACK RETURN"};
        byte[][] binaries = {{}, {0}, {0, 0}, {1, (byte) 200}, {(byte) 200}, {0, 0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 0, 0},
                {1, 2, 3, 4, 5, 6, 7, 8, 9}};
        for (int k = 0; k < n; k++) {
            Object[] row = {
                    (long) r.nextInt(21) - 10,
                    BigDecimal.valueOf(r.nextInt(2001) - 1000, 2),
                    new BigDecimal(BigInteger.valueOf(r.nextInt(50)).multiply(BigInteger.TEN.pow(20)).add(BigInteger.valueOf(r.nextInt(3))), 4),
                    (double) (r.nextInt(9) - 4) / 2,
                    words[r.nextInt(words.length)],
                    binaries[r.nextInt(binaries.length)].clone(),
                    LocalDate.of(1995, 1, 1).plusDays(r.nextInt(10)),
                    LocalDateTime.of(2020, 5, 1, r.nextInt(3), r.nextInt(2) * 30, 0, r.nextInt(2) * 1000),
                    java.time.Duration.ofHours(r.nextInt(60) - 30).plusMinutes(r.nextInt(2) * 15).plusNanos(r.nextInt(2) * 5000L)};
            for (int c = 0; c < row.length; c++) {
                if (r.nextInt(6) == 0) {
                    row[c] = null;
                }
            }
            rows.add(row);
        }
        return rows;
    }

    public static List<String> sorted(List<Object[]> rows) {
        return rows.stream().map(row -> String.join("|", Arrays.stream(row).map(TestRows::render).toList())).sorted().toList();
    }

    public static String render(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof byte[] b) {
            return "0x" + HexFormat.of().formatHex(b);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }
}
