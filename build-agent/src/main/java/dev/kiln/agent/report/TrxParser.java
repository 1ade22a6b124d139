package dev.kiln.agent.report;

import dev.kiln.model.build.TestCase;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Reads Visual Studio's TRX ({@code dotnet test --logger trx}): one case per {@code <UnitTestResult>}, prefixed with
 * the class its {@code <UnitTest>} definition names. Durations are {@code hh:mm:ss.fffffff}. Stateless.
 */
final class TrxParser implements TestReportParser {

    @Override
    public List<TestCase> parse(InputStream in, String file) throws IOException {
        Element root = SafeXml.root(in, file, "Visual Studio TRX", "TestRun");
        Map<String, String> classes = new HashMap<>();
        for (Element test : SafeXml.descendants(root, "UnitTest")) {
            Element method = SafeXml.child(test, "TestMethod");
            if (method != null) {
                classes.put(test.getAttribute("id"), method.getAttribute("className"));
            }
        }
        List<TestCase> cases = new ArrayList<>();
        for (Element result : SafeXml.descendants(root, "UnitTestResult")) {
            String status = switch (result.getAttribute("outcome")) {
                case "Passed", "PassedButRunAborted" -> "SUCCEEDED";
                case "Failed" -> "FAILED";
                case "Error", "Timeout", "Aborted" -> "ERROR";
                case "NotExecuted", "Inconclusive", "Disconnected", "Warning" -> "SKIPPED";
                default -> "UNKNOWN";
            };
            cases.add(new TestCase(
                    classes.getOrDefault(result.getAttribute("testId"), ""),
                    result.getAttribute("testName"),
                    status,
                    duration(result.getAttribute("duration")),
                    SafeXml.text(result, "Message"),
                    file));
        }
        return cases;
    }

    private static long duration(String text) {
        String[] parts = text.strip().split(":", -1);
        if (parts.length != 3) {
            return 0;
        }
        try {
            long hours = Long.parseLong(parts[0]);
            long minutes = Long.parseLong(parts[1]);
            return (hours * 3600 + minutes * 60) * 1_000_000_000L + SafeXml.secondsAsNanos(parts[2]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
