package dev.kiln.agent.report;

import dev.kiln.model.build.TestCase;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * Reads TestNG's {@code testng-results.xml}: one case per {@code <test-method>} that is not a configuration method,
 * prefixed with its class. PASS, FAIL and SKIP map to SUCCEEDED, FAILED and SKIPPED. Stateless.
 */
final class TestNgXmlParser implements TestReportParser {

    @Override
    public List<TestCase> parse(InputStream in, String file) throws IOException {
        Element root = SafeXml.root(in, file, "TestNG XML", "testng-results");
        List<TestCase> cases = new ArrayList<>();
        for (Element cls : SafeXml.descendants(root, "class")) {
            for (Element method : SafeXml.children(cls, "test-method")) {
                if ("true".equals(method.getAttribute("is-config"))) {
                    continue;
                }
                String status = switch (method.getAttribute("status")) {
                    case "PASS" -> "SUCCEEDED";
                    case "FAIL" -> "FAILED";
                    case "SKIP" -> "SKIPPED";
                    default -> "UNKNOWN";
                };
                Element exception = SafeXml.child(method, "exception");
                String message = "";
                if (exception != null) {
                    String text = SafeXml.text(exception, "message");
                    message = text.isEmpty() ? exception.getAttribute("class") : text;
                }
                cases.add(new TestCase(
                        cls.getAttribute("name"),
                        method.getAttribute("name"),
                        status,
                        SafeXml.number(method, "duration-ms") * 1_000_000,
                        message,
                        file));
            }
        }
        return cases;
    }
}
