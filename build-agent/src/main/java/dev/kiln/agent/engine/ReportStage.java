package dev.kiln.agent.engine;

import dev.kiln.agent.backend.BuildEnvironment;
import dev.kiln.agent.report.ReportCollector;
import dev.kiln.model.build.Report;
import dev.kiln.model.buildspec.ReportGroup;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
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
            Report report;
            try (InputStream tree = env.readTree(root)) {
                report = ReportCollector.collect(project, group, tree, mask);
            } catch (IOException | RuntimeException e) {
                report =
                        ReportCollector.unreadable(project, group, "cannot read " + base + ": " + e.getMessage(), mask);
            }
            report.warnings().forEach(w -> log.container("Warning: report group " + group.name() + ": " + w));
            log.container("Report " + report.name() + " " + report.status() + ": " + ReportStage.describe(report));
            collected.add(report);
        }
        return List.copyOf(collected);
    }

    /** One line on a report: its counts, or its coverage. */
    static String describe(Report report) {
        if (report.isCoverage()) {
            var c = report.codeCoverageSummary();
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
