package dev.kiln.agent.report;

import dev.kiln.model.build.TestCase;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads JUnit XML ({@code <testsuites>} or {@code <testsuite>} at the top, suites nested or not), as written by
 * Maven Surefire, Gradle, pytest, Jest's and Go's JUnit reporters. Stateless.
 */
final class JUnitXmlParser implements TestReportParser {

    @Override
    public List<TestCase> parse(InputStream in, String file) throws IOException {
        Element root = SafeXml.root(in, file, "JUnit XML", "testsuites", "testsuite");
        List<TestCase> cases = new ArrayList<>();
        NodeList testcases = root.getElementsByTagName("testcase");
        for (int i = 0; i < testcases.getLength(); i++) {
            cases.add(testCase((Element) testcases.item(i), file));
        }
        return cases;
    }

    private static TestCase testCase(Element testcase, String file) {
        String prefix = testcase.getAttribute("classname");
        if (prefix.isEmpty() && testcase.getParentNode() instanceof Element suite) {
            prefix = suite.getAttribute("name");
        }
        String status = "SUCCEEDED";
        String message = "";
        for (Node child = testcase.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                switch (e.getTagName()) {
                    case "failure" -> {
                        status = "FAILED";
                        message = message(e);
                    }
                    case "error" -> {
                        status = "ERROR";
                        message = message(e);
                    }
                    case "skipped" -> {
                        status = "SKIPPED";
                        message = message(e);
                    }
                    default -> {
                        // system-out, system-err, properties
                    }
                }
            }
        }
        return new TestCase(
                prefix,
                testcase.getAttribute("name"),
                status,
                SafeXml.secondsAsNanos(testcase.getAttribute("time")),
                message,
                file);
    }

    private static String message(Element e) {
        String attribute = e.getAttribute("message");
        String text = e.getTextContent() == null ? "" : e.getTextContent().strip();
        if (attribute.isEmpty()) {
            return text;
        }
        return text.isEmpty() || text.startsWith(attribute) ? attribute : attribute + "\n" + text;
    }
}
