package dev.kiln.agent.report;

import dev.kiln.model.build.CodeCoverage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * Reads JaCoCo's XML report: one file per {@code <sourcefile>}, named {@code <package>/<file>}, from its LINE and
 * BRANCH counters. Stateless.
 */
final class JacocoXmlParser implements CoverageParser {

    @Override
    public List<CodeCoverage> parse(InputStream in, String file) throws IOException {
        Element root = SafeXml.root(in, file, "JaCoCo XML", "report");
        List<CodeCoverage> files = new ArrayList<>();
        for (Element pkg : SafeXml.descendants(root, "package")) {
            for (Element source : SafeXml.children(pkg, "sourcefile")) {
                long[] lines = counter(source, "LINE");
                long[] branches = counter(source, "BRANCH");
                String name = pkg.getAttribute("name");
                files.add(new CodeCoverage(
                        (name.isEmpty() ? "" : name + "/") + source.getAttribute("name"),
                        lines[1],
                        lines[0],
                        branches[1],
                        branches[0]));
            }
        }
        return files;
    }

    /** {missed, covered} of the element's own counter of a type. */
    private static long[] counter(Element parent, String type) {
        for (Element counter : SafeXml.children(parent, "counter")) {
            if (type.equals(counter.getAttribute("type"))) {
                return new long[] {SafeXml.number(counter, "missed"), SafeXml.number(counter, "covered")};
            }
        }
        return new long[] {0, 0};
    }
}
