package dev.kiln.agent.cli;

import dev.kiln.model.build.Build;
import dev.kiln.model.build.BuildPhase;
import dev.kiln.model.build.CodeCoverage;
import dev.kiln.model.build.Report;
import dev.kiln.model.build.TestCase;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

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
                if (c == null) {
                    continue;
                }
                out.println("Coverage " + report.reportGroup() + ": " + report.status() + ", lines "
                        + c.lineCoveragePercentage() + "%, branches " + c.branchCoveragePercentage() + "% over "
                        + report.total() + " files");
                continue;
            }
            out.println("Report " + report.reportGroup() + ": " + report.status() + ", " + report.passedCount()
                    + " passed, " + report.failedCount() + " failed, " + report.skippedCount() + " skipped");
            report.testCases().stream()
                    .filter(TestCase::failed)
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
