package io.strata.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The golden-file format, close to sqllogictest's but with column labels in the expected output:
 * <pre>
 * # a comment
 * statement ok
 * CREATE TABLE t (a INT PRIMARY KEY, b VARCHAR(10))
 *
 * statement error 1062
 * INSERT INTO t VALUES (1, 'x'), (1, 'y')
 *
 * query            (or "query rowsort" to compare rows sorted)
 * SELECT a, b FROM t ORDER BY a
 * ----
 * a	b
 * 1	x
 * </pre>
 * A record ends at a blank line. Values are tab-separated, NULL is written {@code NULL}. A query
 * expected to fail writes {@code error <code> <message>} as its only output line.
 */
record GoldenFile(List<Record> records) {
    enum Kind { STATEMENT_OK, STATEMENT_ERROR, QUERY }

    record Record(Kind kind, int errorCode, boolean sorted, String sql, String expected, int line, String header) {
    }

    static GoldenFile parse(String text) {
        String[] lines = text.split("\n", -1);
        List<Record> records = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                i++;
                continue;
            }
            int start = i + 1;
            String header = line;
            Kind kind;
            int code = 0;
            boolean sorted = false;
            if (line.equals("statement ok")) {
                kind = Kind.STATEMENT_OK;
            } else if (line.startsWith("statement error ")) {
                kind = Kind.STATEMENT_ERROR;
                code = Integer.parseInt(line.substring("statement error ".length()).strip());
            } else if (line.equals("query") || line.equals("query rowsort")) {
                kind = Kind.QUERY;
                sorted = line.endsWith("rowsort");
            } else {
                throw new IllegalArgumentException("line " + start + ": expected a record header, got: " + line);
            }
            i++;
            StringBuilder sql = new StringBuilder();
            while (i < lines.length && !lines[i].isBlank() && !lines[i].equals("----")) {
                sql.append(sql.length() > 0 ? "\n" : "").append(lines[i]);
                i++;
            }
            StringBuilder expected = new StringBuilder();
            if (kind == Kind.QUERY) {
                if (i >= lines.length || !lines[i].equals("----")) {
                    throw new IllegalArgumentException("line " + start + ": query without ----");
                }
                i++;
                while (i < lines.length && !lines[i].isEmpty()) {
                    expected.append(lines[i]).append('\n');
                    i++;
                }
            }
            records.add(new Record(kind, code, sorted, sql.toString(), expected.toString(), start, header));
        }
        return new GoldenFile(records);
    }
}
