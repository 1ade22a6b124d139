package dev.kiln.agent.engine;

import dev.kiln.agent.backend.BuildEnvironment;
import dev.kiln.agent.report.ReportCollector;
import dev.kiln.model.build.Report;
import dev.kiln.model.buildspec.ReportGroup;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** Collects the buildspec's report groups from the build's environment and logs a line for each. */
final class ReportStage {
    private ReportStage() {}

    static List<Report> collect(
            List<ReportGroup> groups, BuildEnvironment env, String project, UnaryOperator<String> mask, BuildLog log) {
        List<Report> collected = new ArrayList<>();
        for (ReportGroup group : groups) {
            String base = group.baseDirectory().orElse(".");
            String root = env.sourceDirectory() + (base.equals(".") ? "" : "/" + base);
            String prefix = literalDirectory(group.files());
            Report report = null;
            if (!prefix.isEmpty()) {
                // only the directory the globs can reach: not the whole tree (node_modules, .git)
                try (InputStream tree = env.readTree(root + "/" + prefix)) {
                    report = ReportCollector.collect(project, group, tree, prefix, mask);
                } catch (IOException | RuntimeException e) {
                    report = null; // read the whole base directory below, for its precise warnings
                }
            }
            if (report == null) {
                try (InputStream tree = env.readTree(root)) {
                    report = ReportCollector.collect(project, group, tree, mask);
                } catch (IOException | RuntimeException e) {
                    report = ReportCollector.unreadable(
                            project, group, "cannot read " + base + ": " + e.getMessage(), mask);
                }
            }
            report.warnings().forEach(w -> log.container("Warning: report group " + group.name() + ": " + w));
            log.container("Report " + report.name() + " " + report.status() + ": " + ReportStage.describe(report));
            collected.add(report);
        }
        return List.copyOf(collected);
    }

    /**
     * The deepest directory every glob starts with, without wildcards ({@code target/surefire-reports} for
     * {@code target/surefire-reports/*.xml}); empty when a glob starts with one or with {@code ..}.
     */
    static String literalDirectory(List<String> globs) {
        List<String> common = null;
        for (String glob : globs) {
            String[] parts = glob.replaceAll("^\\./", "").replaceAll("/+$", "").split("/", -1);
            List<String> literal = new ArrayList<>();
            for (int i = 0; i < parts.length - 1 && !parts[i].matches(".*[*?\\[{].*"); i++) {
                if (parts[i].isEmpty() || parts[i].equals("..") || parts[i].equals(".")) {
                    return "";
                }
                literal.add(parts[i]);
            }
            if (common == null) {
                common = literal;
            } else {
                int n = 0;
                while (n < common.size() && n < literal.size() && common.get(n).equals(literal.get(n))) {
                    n++;
                }
                common = common.subList(0, n);
            }
        }
        return common == null ? "" : String.join("/", common);
    }

    /** One line on a report: its counts, or its coverage. */
    static String describe(Report report) {
        if (report.isCoverage()) {
            var c = Objects.requireNonNull(report.codeCoverageSummary(), "a coverage report without its summary");
            return report.total() + " files, lines " + c.lineCoveragePercentage() + "% (" + c.linesCovered() + " of "
                    + (c.linesCovered() + c.linesMissed()) + "), branches " + c.branchCoveragePercentage() + "% ("
                    + c.branchesCovered() + " of " + (c.branchesCovered() + c.branchesMissed()) + ")";
        }
        return report.total() + " cases, " + report.statusCounts().get("SUCCEEDED") + " succeeded, "
                + report.statusCounts().get("FAILED") + " failed, "
                + report.statusCounts().get("ERROR") + " errors, "
                + report.statusCounts().get("SKIPPED") + " skipped";
    }
}
