package io.strata.bench.jdbc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** SQL literals for generated values, in the syntax MySQL and DuckDB both accept. */
public final class Sql {
    /** DATETIME text both engines read, in literals and in LOAD DATA files. */
    static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Sql() {
    }

    public static void appendLiteral(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("NULL");
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            sb.append(v);
        } else if (v instanceof BigDecimal d) {
            sb.append(d.toPlainString());
        } else if (v instanceof Double d) {
            sb.append(BigDecimal.valueOf(d).toPlainString());
        } else if (v instanceof LocalDate d) {
            sb.append('\'').append(d).append('\'');
        } else if (v instanceof LocalDateTime t) {
            sb.append('\'').append(DATETIME.format(t)).append('\'');
        } else {
            String s = v.toString();
            sb.append('\'');
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch == '\'') {
                    sb.append("''");
                } else if (ch == '\\') {
                    // MySQL treats backslash as an escape in string literals; DuckDB does not. Generated
                    // data never contains one, and we refuse rather than load different bytes.
                    throw new IllegalArgumentException("backslash in generated value: " + s);
                } else {
                    sb.append(ch);
                }
            }
            sb.append('\'');
        }
    }
}
