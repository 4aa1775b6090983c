package io.strata.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JmhReportTest {
    private static String result(String method, int threads, String params, double score, String unit) {
        return "{\"benchmark\":\"io.strata.bench.jmh." + method + "\",\"mode\":\"avgt\",\"threads\":" + threads
                + ",\"params\":{" + params + "},\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":0.1,\"scoreUnit\":\""
                + unit + "\"}}";
    }

    @Test
    void implementationsAreComparedWithTheFirstOfTheirGroup() throws Exception {
        JsonNode root = new ObjectMapper().readTree("[" + String.join(",",
                result("BenchmarkArrowScan.q1", 1, "\"rows\":\"10\",\"impl\":\"arrow\"", 2, "ms/op"),
                result("BenchmarkArrowScan.q1", 1, "\"rows\":\"10\",\"impl\":\"rows\"", 30, "ms/op"),
                result("BenchmarkArrowScan.q1", 1, "\"rows\":\"20\",\"impl\":\"arrow\"", 4, "ms/op"),
                result("BenchmarkArrowScan.q1", 1, "\"rows\":\"20\",\"impl\":\"rows\"", 6, "ms/op"),
                result("BenchmarkTso.next", 4, "\"impl\":\"batching\"", 10, "ops/us"),
                result("BenchmarkTso.next", 4, "\"impl\":\"local\"", 2, "ops/us"),
                result("BenchmarkKeyCodec.encode", 1, "", 5, "ns/op")) + "]");
        ResultTable t = JmhReport.ratios(root);
        assertEquals(List.of(
                List.of("BenchmarkArrowScan.q1", "1", "rows=10", "arrow", "2000000.0", "1.00 × arrow"),
                List.of("BenchmarkArrowScan.q1", "1", "rows=10", "rows", "30000000.0", "15.00 × arrow"),
                List.of("BenchmarkArrowScan.q1", "1", "rows=20", "arrow", "4000000.0", "1.00 × arrow"),
                List.of("BenchmarkArrowScan.q1", "1", "rows=20", "rows", "6000000.0", "1.50 × arrow"),
                List.of("BenchmarkTso.next", "4", "", "batching", "100.0", "1.00 × batching"),
                List.of("BenchmarkTso.next", "4", "", "local", "500.0", "5.00 × batching")), t.rows());
    }
}
