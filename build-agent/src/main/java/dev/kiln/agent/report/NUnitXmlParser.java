package dev.kiln.agent.report;

import dev.kiln.model.build.TestCase;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * Reads NUnit results: NUnit 2's {@code <test-results>} (NUNITXML) and NUnit 3's {@code <test-run>} (NUNIT3XML).
 * One case per {@code <test-case>}, prefixed with its class (NUnit 3's {@code classname}, or the case's full name
 * without its last part). Stateless.
 */
final class NUnitXmlParser implements TestReportParser {
    private final boolean version3;

    NUnitXmlParser(boolean version3) {
        this.version3 = version3;
    }

    @Override
    public List<TestCase> parse(InputStream in, String file) throws IOException {
        Element root = version3
                ? SafeXml.root(in, file, "NUnit 3 XML", "test-run")
                : SafeXml.root(in, file, "NUnit XML", "test-results");
        List<TestCase> cases = new ArrayList<>();
        for (Element testCase : SafeXml.descendants(root, "test-case")) {
            String fullName = testCase.getAttribute(version3 ? "fullname" : "name");
            String prefix = testCase.getAttribute("classname");
            String name = testCase.getAttribute("name");
            if (prefix.isEmpty()) {
                int dot = fullName.replaceAll("\\(.*\\)$", "").lastIndexOf('.');
                prefix = dot > 0 ? fullName.substring(0, dot) : "";
                if (!version3 && dot > 0) {
                    name = fullName.substring(dot + 1);
                }
            }
            String message = SafeXml.text(testCase, "message");
            cases.add(new TestCase(
                    prefix,
                    name,
                    version3 ? status3(testCase) : status2(testCase),
                    SafeXml.secondsAsNanos(testCase.getAttribute(version3 ? "duration" : "time")),
                    message,
                    file));
        }
        return cases;
    }

    private static String status3(Element testCase) {
        return switch (testCase.getAttribute("result")) {
            case "Passed" -> "SUCCEEDED";
            case "Failed" -> "Error".equals(testCase.getAttribute("label")) ? "ERROR" : "FAILED";
            case "Skipped", "Inconclusive" -> "SKIPPED";
            default -> "UNKNOWN";
        };
    }

    private static String status2(Element testCase) {
        if ("False".equalsIgnoreCase(testCase.getAttribute("executed"))) {
            return "SKIPPED";
        }
        return switch (testCase.getAttribute("result")) {
            case "Success" -> "SUCCEEDED";
            case "Failure" -> "FAILED";
            case "Error", "Cancelled" -> "ERROR";
            case "Ignored", "Skipped", "NotRunnable", "Inconclusive" -> "SKIPPED";
            default -> "True".equalsIgnoreCase(testCase.getAttribute("success")) ? "SUCCEEDED" : "UNKNOWN";
        };
    }
}
