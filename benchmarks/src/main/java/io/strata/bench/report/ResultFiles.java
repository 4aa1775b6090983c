package io.strata.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Names and writes the files of one benchmark run: {@code <dir>/<kind>-<yyyyMMdd-HHmmss>.csv},
 * {@code .json} and {@code .png}. The JSON holds everything (parameters, machine, raw figures);
 * the CSV is the table; the PNG is the plot. Runs never overwrite each other.
 */
public final class ResultFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final String baseName;

    public ResultFiles(Path dir, String kind, Instant startedAt) {
        this.dir = requireNonNull(dir, "dir is null");
        this.baseName = requireNonNull(kind, "kind is null") + "-" + STAMP.format(startedAt);
    }

    public Path csv() {
        return dir.resolve(baseName + ".csv");
    }

    public Path json() {
        return dir.resolve(baseName + ".json");
    }

    public Path png() {
        return dir.resolve(baseName + ".png");
    }

    public String baseName() {
        return baseName;
    }

    public void writeCsv(ResultTable table) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(csv(), table.toCsv(), StandardCharsets.UTF_8);
    }

    public void writeJson(Map<String, Object> document) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().registerModule(new Jdk8Module()).enable(SerializationFeature.INDENT_OUTPUT).writeValue(json().toFile(), document);
    }

    /**
     * A ratio cell: {@code a / b} to about three significant digits (0.00493, 0.48, 78.14, 233), or
     * "n/a" when either side is missing.
     */
    public static String ratio(Double a, Double b) {
        if (a == null || b == null || a.isNaN() || b.isNaN() || b == 0) {
            return "n/a";
        }
        double r = a / b;
        if (r >= 100) {
            return String.format("%.0f", r);
        }
        if (r >= 0.1 || r == 0) {
            return String.format("%.2f", r);
        }
        return String.format("%.3g", r);
    }
}
