package io.strata.sql.exec;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoadDataReaderTest {
    private static final LoadDataReader.Format CSV = new LoadDataReader.Format(",", '"', '\\', "", "\n");

    private static List<List<String>> rows(String input, LoadDataReader.Format format) throws IOException {
        return rows(new StringReader(input), format);
    }

    private static List<List<String>> rows(Reader input, LoadDataReader.Format format) throws IOException {
        LoadDataReader reader = new LoadDataReader(input, format);
        List<List<String>> out = new ArrayList<>();
        for (List<String> row = reader.next(); row != null; row = reader.next()) {
            out.add(row);
        }
        return out;
    }

    private static List<String> row(String... fields) {
        return Arrays.asList(fields);
    }

    @Test
    void defaultFormatIsTabsAndNewlinesWithBackslashEscapes() throws IOException {
        assertEquals(List.of(row("1", "a b", "x"), row("2", "", "y")), rows("1\ta b\tx\n2\t\ty\n", LoadDataReader.Format.DEFAULT));
        assertEquals(List.of(row("1", null, "N", "\\N2")), rows("1\t\\N\tN\t\\\\N2", LoadDataReader.Format.DEFAULT),
                "\\N alone is NULL, an escaped backslash is data, the last line needs no terminator");
        assertEquals(List.of(row("tab\there", "nl\nhere", "q'\0\u001a")),
                rows("tab\\there\tnl\\\nhere\tq\\'\\0\\Z\n", LoadDataReader.Format.DEFAULT));
        assertEquals(List.of(row("")), rows("\n", LoadDataReader.Format.DEFAULT), "an empty line is one empty field");
        assertEquals(List.of(), rows("", LoadDataReader.Format.DEFAULT));
    }

    @Test
    void enclosedFieldsKeepTerminatorsAndDoubledQuotes() throws IOException {
        assertEquals(List.of(row("1", "a,b", "say \"hi\"", "two\nlines"), row("2", "plain", null, "NULL")),
                rows("1,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\n2,plain,NULL,\"NULL\"\n", CSV));
        assertEquals(List.of(row("a\"b", "c")), rows("\"a\"b\",c\n", CSV), "a quote not followed by a terminator is data");
        assertEquals(List.of(row("x", "")), rows("\"x\",\"\"", CSV));
    }

    @Test
    void multiCharacterTerminatorsAndLinePrefixes() throws IOException {
        LoadDataReader.Format f = new LoadDataReader.Format("||", -1, -1, "xx", "\r\n");
        assertEquals(List.of(row("a", "b|c"), row("d", "e")), rows("junk xxa||b|c\r\nno prefix here\r\nxxd||e\r\n", f));
        LoadDataReader.Format noEscape = new LoadDataReader.Format(",", -1, -1, "", "\n");
        assertEquals(List.of(row("a\\N", "\\N")), rows("a\\N,\\N\n", noEscape), "without an escape character \\N is data");
    }

    @Test
    void rowsSpanningTheReadBufferAndSkippedLines() throws IOException {
        StringBuilder sb = new StringBuilder("header,line\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append(i).append(",\"v").append(i).append("\"\n");
        }
        // a reader that returns few characters at a time, so terminators straddle refills
        Reader slow = new StringReader(sb.toString()) {
            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                return super.read(cbuf, off, Math.min(len, 7));
            }
        };
        LoadDataReader reader = new LoadDataReader(slow, CSV);
        assertEquals(1, reader.skip(1));
        long n = 0;
        for (List<String> r = reader.next(); r != null; r = reader.next()) {
            assertEquals(row(Long.toString(n), "v" + n), r);
            n++;
        }
        assertEquals(20_000, n);
    }
}
