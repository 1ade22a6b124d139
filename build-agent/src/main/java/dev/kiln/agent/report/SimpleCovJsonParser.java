package dev.kiln.agent.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.model.build.CodeCoverage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads SimpleCov's JSON: the {@code simplecov-json} formatter's {@code coverage.json} ({@code files} with a
 * {@code coverage} array each) or SimpleCov's own {@code .resultset.json} (per command, {@code coverage} by file with
 * {@code lines} and, when enabled, {@code branches}). A line is relevant when its count is not null; covered when
 * above zero. Stateless.
 */
final class SimpleCovJsonParser implements CoverageParser {
    @Override
    public List<CodeCoverage> parse(InputStream in, String file) throws IOException {
        JsonNode root = JsonReports.read(in, file);
        if (!root.isObject()) {
            throw new IOException(file + " is not a SimpleCov JSON report (it must hold an object)");
        }
        Map<String, CodeCoverage> files = new LinkedHashMap<>();
        if (root.path("files").isArray()) {
            for (JsonNode f : root.path("files")) {
                String name = f.path("filename").asText();
                JsonNode lines =
                        f.path("coverage").isObject() ? f.path("coverage").path("lines") : f.path("coverage");
                files.merge(
                        name,
                        lines(name, lines, com.fasterxml.jackson.databind.node.NullNode.getInstance()),
                        (a, b) -> a.plus(b, name));
            }
            return new ArrayList<>(files.values());
        }
        boolean any = false;
        for (var command : root.properties()) {
            JsonNode coverage = command.getValue().path("coverage");
            if (!coverage.isObject()) {
                continue;
            }
            any = true;
            for (var entry : coverage.properties()) {
                JsonNode value = entry.getValue();
                JsonNode lines = value.isArray() ? value : value.path("lines");
                files.merge(
                        entry.getKey(),
                        lines(entry.getKey(), lines, value.path("branches")),
                        (a, b) -> a.plus(b, entry.getKey()));
            }
        }
        if (!any) {
            throw new IOException(file + " is not a SimpleCov JSON report (no \"files\" and no \"coverage\")");
        }
        return new ArrayList<>(files.values());
    }

    private static CodeCoverage lines(String name, JsonNode lines, JsonNode branches) {
        long covered = 0;
        long missed = 0;
        for (JsonNode count : lines) {
            if (count.isNumber()) {
                if (count.asLong() > 0) {
                    covered++;
                } else {
                    missed++;
                }
            }
        }
        long branchesCovered = 0;
        long branchesMissed = 0;
        for (JsonNode condition : branches) {
            for (JsonNode count : condition) {
                if (count.asLong() > 0) {
                    branchesCovered++;
                } else {
                    branchesMissed++;
                }
            }
        }
        return new CodeCoverage(name, covered, missed, branchesCovered, branchesMissed);
    }
}
