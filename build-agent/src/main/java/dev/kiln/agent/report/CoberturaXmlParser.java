package dev.kiln.agent.report;

import dev.kiln.model.build.CodeCoverage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * Reads Cobertura XML (coverage.py, Istanbul, gcovr, ...): lines per {@code <class filename>} (several classes of a
 * file add up), a line covered when its {@code hits} is above zero, branches from {@code condition-coverage="50%
 * (1/2)"}. Stateless.
 */
final class CoberturaXmlParser implements CoverageParser {
    private static final Pattern CONDITIONS = Pattern.compile("\\((\\d+)/(\\d+)\\)");

    @Override
    public List<CodeCoverage> parse(InputStream in, String file) throws IOException {
        Element root = SafeXml.root(in, file, "Cobertura XML", "coverage");
        Map<String, CodeCoverage> files = new LinkedHashMap<>();
        for (Element cls : SafeXml.descendants(root, "class")) {
            String name = cls.getAttribute("filename");
            long covered = 0;
            long missed = 0;
            long branchesCovered = 0;
            long branchesMissed = 0;
            Element lines = SafeXml.child(cls, "lines");
            for (Element line : lines == null ? List.<Element>of() : SafeXml.children(lines, "line")) {
                if (SafeXml.number(line, "hits") > 0) {
                    covered++;
                } else {
                    missed++;
                }
                Matcher m = CONDITIONS.matcher(line.getAttribute("condition-coverage"));
                if ("true".equals(line.getAttribute("branch")) && m.find()) {
                    long taken = Long.parseLong(m.group(1));
                    long all = Long.parseLong(m.group(2));
                    branchesCovered += taken;
                    branchesMissed += Math.max(0, all - taken);
                }
            }
            CodeCoverage coverage = new CodeCoverage(name, covered, missed, branchesCovered, branchesMissed);
            files.merge(name, coverage, (a, b) -> a.plus(b, name));
        }
        return new ArrayList<>(files.values());
    }
}
