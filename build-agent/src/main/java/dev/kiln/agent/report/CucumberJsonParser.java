package dev.kiln.agent.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.model.build.TestCase;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Cucumber's JSON (an array of features): one case per scenario, prefixed with its feature. A scenario failed
 * when a step (or hook) failed; it was skipped when a step was skipped, pending or undefined and none failed. Step
 * durations are nanoseconds. Stateless.
 */
final class CucumberJsonParser implements TestReportParser {
    @Override
    public List<TestCase> parse(InputStream in, String file) throws IOException {
        JsonNode root = JsonReports.read(in, file);
        if (!root.isArray()) {
            throw new IOException(file + " is not a Cucumber JSON report (it must hold an array of features)");
        }
        List<TestCase> cases = new ArrayList<>();
        for (JsonNode feature : root) {
            for (JsonNode scenario : feature.path("elements")) {
                if ("background".equals(scenario.path("type").asText())) {
                    continue;
                }
                cases.add(scenario(feature.path("name").asText(), scenario, file));
            }
        }
        return cases;
    }

    private static TestCase scenario(String feature, JsonNode scenario, String file) {
        boolean failed = false;
        boolean skipped = false;
        long nanos = 0;
        String message = "";
        List<JsonNode> steps = new ArrayList<>();
        scenario.path("before").forEach(steps::add);
        scenario.path("steps").forEach(steps::add);
        scenario.path("after").forEach(steps::add);
        for (JsonNode step : steps) {
            JsonNode result = step.path("result");
            nanos += result.path("duration").asLong(0);
            switch (result.path("status").asText()) {
                case "failed", "ambiguous" -> {
                    if (!failed) {
                        message = result.path("error_message").asText("");
                    }
                    failed = true;
                }
                case "skipped", "pending", "undefined" -> skipped = true;
                default -> {
                    // passed
                }
            }
        }
        String status = failed ? "FAILED" : skipped ? "SKIPPED" : "SUCCEEDED";
        return new TestCase(feature, scenario.path("name").asText(), status, nanos, message.strip(), file);
    }
}
