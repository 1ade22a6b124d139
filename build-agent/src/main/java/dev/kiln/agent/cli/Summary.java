package dev.kiln.agent.cli;

import dev.kiln.model.build.Build;
import dev.kiln.model.build.BuildPhase;
import dev.kiln.model.build.CodeCoverage;
import dev.kiln.model.build.Report;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The phase table printed at the end of a text-mode build. */
final class Summary {
    private Summary() {}

    static void print(Build build, PrintStream out) {
        out.println();
        out.println("Phases of build " + build.id() + " (#" + build.buildNumber() + "):");
        for (BuildPhase phase : build.phases()) {
            if (phase.endTime() == null) {
                continue;
            }
            out.printf(
                    Locale.ROOT,
                    "  %-17s %-10s %7s%n",
                    phase.phaseType(),
                    phase.phaseStatus(),
                    seconds(Duration.between(phase.startTime(), phase.endTime())));
            if (phase.contexts() != null) {
                phase.contexts().stream()
                        .filter(c -> !c.message().isEmpty())
                        .forEach(c -> out.println("      " + c.statusCode() + ": " + c.message()));
            }
        }
        out.println("Build " + build.buildStatus() + " in "
                + seconds(Duration.between(build.startTime(), build.endTime())));
        if (build.artifacts() != null) {
            out.println("Artifacts: " + build.artifacts().location());
        }
        for (Report report : build.reports()) {
            if (report.isCoverage()) {
                CodeCoverage c = report.codeCoverageSummary();
                out.println("Coverage " + report.reportGroup() + ": " + report.status() + ", lines "
                        + c.lineCoveragePercentage() + "%, branches " + c.branchCoveragePercentage() + "% over "
                        + report.total() + " files");
                continue;
            }
            Map<String, Integer> counts = report.statusCounts();
            out.println("Report " + report.reportGroup() + ": " + report.status() + ", " + counts.get("SUCCEEDED")
                    + " passed, " + (counts.get("FAILED") + counts.get("ERROR")) + " failed, " + counts.get("SKIPPED")
                    + " skipped");
            report.testCases().stream()
                    .filter(c -> c.status().equals("FAILED") || c.status().equals("ERROR"))
                    .limit(20)
                    .forEach(c -> out.println("  " + c.status() + " " + c.prefix() + " " + c.name() + ": "
                            + c.message().lines().findFirst().orElse("")));
        }
        for (Build.ExportedVariable v : build.exportedEnvironmentVariables()) {
            out.println("Exported: " + v.name() + "=" + v.value());
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
