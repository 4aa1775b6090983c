package io.strata.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench/*.sh scripts at least parse and answer --help (which starts nothing), so a broken
 * edit shows up in the default test run rather than on a user's machine.
 */
class ScriptsTest {
    private static final List<String> SCRIPTS = List.of("sysbench.sh", "tpch.sh", "tpcc.sh", "scale.sh", "jmh.sh", "all.sh");

    private static Path benchDir() {
        return Path.of(System.getProperty("strata.bench.repoRoot", "..")).resolve("bench");
    }

    private static int run(String[] output, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "script did not finish");
            output[0] = text;
            return p.exitValue();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void scriptsParseAndPrintUsage() throws Exception {
        String[] out = new String[1];
        assertEquals(0, run(out, "bash", "-n", benchDir().resolve("lib.sh").toString()), "lib.sh");
        for (String script : SCRIPTS) {
            Path path = benchDir().resolve(script);
            assertTrue(Files.isExecutable(path), script + " is executable");
            assertEquals(0, run(out, "bash", "-n", path.toString()), script + ": " + out[0]);
            assertEquals(0, run(out, path.toString(), "--help"), script + ": " + out[0]);
            assertTrue(out[0].contains("bench/"), script + " prints its usage: " + out[0]);
        }
    }
}
