package io.strata.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine a run happened on, read at run time and stored next to every result, because a
 * figure without its machine cannot be compared with anything.
 */
public record Machine(String cpuModel, int logicalCpus, long memoryBytes, String os, String javaVersion) {

    public static Machine current() {
        String model = "unknown";
        long mem = Runtime.getRuntime().maxMemory();
        try {
            List<String> cpuinfo = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : cpuinfo) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    mem = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: keep what the JVM can tell.
        }
        return new Machine(model, Runtime.getRuntime().availableProcessors(), mem,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    public String oneLine() {
        return String.format("%s, %d logical CPUs, %.1f GiB RAM, %s, %s", cpuModel, logicalCpus,
                memoryBytes / (1024.0 * 1024 * 1024), os, javaVersion);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpuModel", cpuModel);
        m.put("logicalCpus", logicalCpus);
        m.put("memoryBytes", memoryBytes);
        m.put("os", os);
        m.put("java", javaVersion);
        return m;
    }
}
