package io.strata.bench.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocSectionsTest {
    @Test
    void appendsAMissingSectionAndReplacesAnExistingOneInPlace() {
        String doc = "# Title\n\nprose\n";
        String once = DocSections.replace(doc, "tpch", "| a |\n");
        assertTrue(once.startsWith("# Title\n\nprose\n\n" + DocSections.begin("tpch") + "\n| a |\n" + DocSections.end("tpch")), once);
        String withTail = once + "\nmore prose\n";
        String twice = DocSections.replace(withTail, "tpch", "| b |\n");
        assertEquals(withTail.replace("| a |", "| b |"), twice);
    }

    @Test
    void sectionsAreIndependent() {
        String doc = DocSections.replace(DocSections.replace("", "sysbench", "x\n"), "tpcc", "y\n");
        String updated = DocSections.replace(doc, "sysbench", "z\n");
        assertTrue(updated.contains("z\n") && updated.contains("y\n") && !updated.contains("x\n"), updated);
    }

    @Test
    void tablesRenderTheSameCellsEverywhere() {
        ResultTable t = new ResultTable(java.util.List.of("q", "ms"), java.util.List.of(java.util.List.of("Q1", "1,5|2")));
        assertEquals("q,ms\nQ1,\"1,5|2\"\n", t.toCsv());
        assertEquals("| q | ms |\n|---|---|\n| Q1 | 1,5\\|2 |\n", t.toMarkdown());
    }
}
