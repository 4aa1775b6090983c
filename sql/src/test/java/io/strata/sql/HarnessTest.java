package io.strata.sql;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * A test class on a {@link SqlHarness}: each test gets a fresh temp directory, sets {@link #h}
 * (in memory or on disk under {@link #dir}; a restart test replaces it) and the harness that is
 * set when the test ends is closed.
 */
abstract class HarnessTest {
    @TempDir
    Path dir;
    SqlHarness h;

    @AfterEach
    final void closeHarness() {
        if (h != null) {
            h.close();
        }
    }
}
