package io.strata.sql.exec;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Splits LOAD DATA input into rows of fields, streaming, with MySQL's rules:
 * <ul>
 *   <li>rows end at the line terminator, fields at the field terminator (both may be several
 *       characters long);</li>
 *   <li>with LINES STARTING BY, everything up to and including the prefix is skipped, and text
 *       without the prefix is skipped altogether;</li>
 *   <li>a field that starts with the enclosing character runs to the enclosing character followed
 *       by a terminator (or the end); a doubled enclosing character inside is one character, and
 *       terminators inside are data;</li>
 *   <li>the escape character makes the next one literal, except {@code \0 \b \n \r \t \Z} which
 *       stand for NUL, backspace, newline, carriage return, tab and Ctrl-Z; {@code \N} alone is
 *       NULL, and so is the unenclosed word {@code NULL} when an enclosing character is set.</li>
 * </ul>
 * Fields are returned as strings ({@code null} for NULL); conversion to column types is the
 * caller's.
 */
public final class LoadDataReader {
    /** How fields and lines are delimited ({@code -1}: no enclosing / escape character). */
    public record Format(String fieldTerminator, int enclosedBy, int escapedBy, String lineStarting, String lineTerminator) {
        public static final Format DEFAULT = new Format("\t", -1, '\\', "", "\n");

        public Format {
            requireNonNull(fieldTerminator, "fieldTerminator is null");
            requireNonNull(lineStarting, "lineStarting is null");
            requireNonNull(lineTerminator, "lineTerminator is null");
            if (fieldTerminator.isEmpty() || lineTerminator.isEmpty()) {
                throw new IllegalArgumentException("terminators must not be empty");
            }
        }
    }

    private enum End { FIELD, LINE, INPUT }

    private static final int BUFFER_CHARS = 64 * 1024;

    private final Reader in;
    private final Format format;
    private final char[] buffer = new char[BUFFER_CHARS];
    private int pos;
    private int limit;
    private boolean inputEnded;
    private final StringBuilder field = new StringBuilder();

    public LoadDataReader(Reader in, Format format) {
        this.in = requireNonNull(in, "in is null");
        this.format = requireNonNull(format, "format is null");
    }

    /** The next row's fields, or null at the end of the input. */
    public List<String> next() throws IOException {
        if (!format.lineStarting().isEmpty()) {
            while (!at(format.lineStarting())) {
                if (peek(0) < 0) {
                    return null;
                }
                pos++;
            }
            pos += format.lineStarting().length();
        } else if (peek(0) < 0) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        while (readField(fields) == End.FIELD) {
            // next field of the same row
        }
        return fields;
    }

    /** Skips {@code rows} rows (IGNORE n LINES); returns how many there were. */
    public long skip(long rows) throws IOException {
        long skipped = 0;
        while (skipped < rows && next() != null) {
            skipped++;
        }
        return skipped;
    }

    private End readField(List<String> fields) throws IOException {
        field.setLength(0);
        int enclosure = format.enclosedBy();
        int escape = format.escapedBy();
        boolean enclosed = enclosure >= 0 && peek(0) == enclosure;
        if (enclosed) {
            pos++;
        }
        boolean nullMarker = false;
        while (true) {
            int c = peek(0);
            if (c < 0) {
                fields.add(value(enclosed, nullMarker));
                return End.INPUT;
            }
            if (c == escape) {
                int next = peek(1);
                if (next < 0) {
                    field.append((char) c);
                    pos++;
                    continue;
                }
                pos += 2;
                if (next == 'N' && field.length() == 0 && !enclosed && !nullMarker) {
                    nullMarker = true;
                } else {
                    if (nullMarker) {
                        field.append('N');
                        nullMarker = false;
                    }
                    field.append(unescape((char) next));
                }
                continue;
            }
            if (enclosed) {
                if (c == enclosure) {
                    if (peek(1) == enclosure) {
                        field.append((char) c);
                        pos += 2;
                        continue;
                    }
                    pos++;
                    End end = terminator();
                    if (end != null) {
                        fields.add(value(true, false));
                        return end;
                    }
                    field.append((char) c); // a lone enclosing character inside the field is data
                    continue;
                }
            } else if (c == format.fieldTerminator().charAt(0) || c == format.lineTerminator().charAt(0)) {
                End end = terminator();
                if (end != null) {
                    fields.add(value(false, nullMarker));
                    return end;
                }
            }
            if (nullMarker) {
                field.append('N');
                nullMarker = false;
            }
            field.append((char) c);
            pos++;
        }
    }

    /** Consumes a field or line terminator (or sees the end) at the current position. */
    private End terminator() throws IOException {
        if (at(format.fieldTerminator())) {
            pos += format.fieldTerminator().length();
            return End.FIELD;
        }
        if (at(format.lineTerminator())) {
            pos += format.lineTerminator().length();
            return End.LINE;
        }
        return peek(0) < 0 ? End.INPUT : null;
    }

    private String value(boolean enclosed, boolean nullMarker) {
        if (nullMarker && field.length() == 0) {
            return null;
        }
        if (nullMarker) {
            field.insert(0, 'N');
        }
        String v = field.toString();
        if (!enclosed && format.enclosedBy() >= 0 && v.equals("NULL")) {
            return null;
        }
        return v;
    }

    private static char unescape(char c) {
        return switch (c) {
            case '0' -> '\0';
            case 'b' -> '\b';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'Z' -> '\u001a';
            default -> c;
        };
    }

    private boolean at(String s) throws IOException {
        if (peek(0) != s.charAt(0)) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (peek(i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The character {@code ahead} positions on, or -1 past the end of the input. */
    private int peek(int ahead) throws IOException {
        while (pos + ahead >= limit) {
            if (inputEnded) {
                return -1;
            }
            fill();
        }
        return buffer[pos + ahead];
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buffer.length) {
            throw new IOException("a terminator longer than the read buffer");
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            inputEnded = true;
        } else {
            limit += n;
        }
    }
}
