package dev.kiln.agent.report;

import dev.kiln.model.build.TestCase;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads JUnit XML ({@code <testsuites>} or {@code <testsuite>} at the top, suites nested or not), as written by
 * Maven Surefire, Gradle, pytest, Jest's and Go's JUnit reporters. Document type declarations are refused, so no
 * entity or external file is ever read. Stateless.
 */
final class JUnitXmlParser {
    private JUnitXmlParser() {}

    static List<TestCase> parse(InputStream in, String file) throws IOException {
        Element root;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            root = builder.parse(in).getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(file + " is not valid XML: " + e.getMessage(), e);
        }
        if (!root.getTagName().equals("testsuites") && !root.getTagName().equals("testsuite")) {
            throw new IOException(file + " is not a JUnit XML report (its root is <" + root.getTagName() + ">)");
        }
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
                prefix, testcase.getAttribute("name"), status, nanos(testcase.getAttribute("time")), message, file);
    }

    private static String message(Element e) {
        String attribute = e.getAttribute("message");
        String text = e.getTextContent() == null ? "" : e.getTextContent().strip();
        if (attribute.isEmpty()) {
            return text;
        }
        return text.isEmpty() || text.startsWith(attribute) ? attribute : attribute + "\n" + text;
    }

    private static long nanos(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return 0;
        }
        try {
            return Math.round(Double.parseDouble(seconds.replace(",", "")) * 1e9);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
