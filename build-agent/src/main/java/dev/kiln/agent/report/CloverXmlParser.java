package dev.kiln.agent.report;

import dev.kiln.model.build.CodeCoverage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * Reads Clover XML (OpenClover, PHPUnit, Istanbul's clover reporter): one file per {@code <file>}, its statements
 * as lines and its conditionals as branches, from the file's {@code <metrics>}; the test sources' own coverage
 * ({@code <testproject>}) is left out. Stateless.
 */
final class CloverXmlParser implements CoverageParser {

    @Override
    public List<CodeCoverage> parse(InputStream in, String file) throws IOException {
        Element root = SafeXml.root(in, file, "Clover XML", "coverage");
        List<CodeCoverage> files = new ArrayList<>();
        // <testproject> holds the tests' own sources: only <project> is the code under test
        List<Element> sources = new ArrayList<>();
        for (Element project : SafeXml.children(root, "project")) {
            sources.addAll(SafeXml.descendants(project, "file"));
        }
        for (Element source : sources) {
            Element metrics = SafeXml.child(source, "metrics");
            if (metrics == null) {
                continue;
            }
            long statements = SafeXml.number(metrics, "statements");
            long coveredStatements = SafeXml.number(metrics, "coveredstatements");
            long conditionals = SafeXml.number(metrics, "conditionals");
            long coveredConditionals = SafeXml.number(metrics, "coveredconditionals");
            String path = source.getAttribute("path");
            files.add(new CodeCoverage(
                    path.isEmpty() ? source.getAttribute("name") : path,
                    coveredStatements,
                    statements - coveredStatements,
                    coveredConditionals,
                    conditionals - coveredConditionals));
        }
        return files;
    }
}
