package io.strata.bench.report;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A rectangular table of already-formatted cells: the one shape every benchmark result is reduced
 * to before it is written as CSV, as a Markdown table in docs/benchmarks.md, or printed on the
 * terminal. Numbers are formatted once, by the driver that measured them, so the three renderings
 * cannot disagree.
 */
public record ResultTable(List<String> header, List<List<String>> rows) {
    public ResultTable {
        requireNonNull(header, "header is null");
        requireNonNull(rows, "rows is null");
        header = List.copyOf(header);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " cells, header has " + header.size() + ": " + row);
            }
            copy.add(List.copyOf(row));
        }
        rows = List.copyOf(copy);
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        appendCsvLine(sb, header);
        for (List<String> row : rows) {
            appendCsvLine(sb, row);
        }
        return sb.toString();
    }

    private static void appendCsvLine(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        sb.append('\n');
    }

    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", escape(header))).append(" |\n");
        sb.append('|');
        for (int i = 0; i < header.size(); i++) {
            sb.append("---|");
        }
        sb.append('\n');
        for (List<String> row : rows) {
            sb.append("| ").append(String.join(" | ", escape(row))).append(" |\n");
        }
        return sb.toString();
    }

    private static List<String> escape(List<String> cells) {
        List<String> out = new ArrayList<>(cells.size());
        for (String c : cells) {
            out.add(c.replace("|", "\\|").replace("\n", " "));
        }
        return out;
    }

    /** Fixed-width rendering for the terminal. */
    public String toText() {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], Math.min(60, row.get(i).length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        appendText(sb, header, width);
        for (int i = 0; i < width.length; i++) {
            sb.append("-".repeat(width[i])).append(i + 1 < width.length ? "-+-" : "\n");
        }
        for (List<String> row : rows) {
            appendText(sb, row, width);
        }
        return sb.toString();
    }

    private static void appendText(StringBuilder sb, List<String> cells, int[] width) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i).replace('\n', ' ');
            if (c.length() > width[i]) {
                c = c.substring(0, width[i] - 1) + "…";
            }
            sb.append(c).append(" ".repeat(width[i] - c.length()));
            sb.append(i + 1 < cells.size() ? " | " : "\n");
        }
    }
}
