package dev.kiln.model.build;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A test report of a build ({@code Report} with its {@code TestReportSummary}).
 *
 * @param name {@code <project>-<report group>}
 * @param reportGroup the group's name in the buildspec
 * @param fileFormat the files' format
 * @param status SUCCEEDED (no failed case), FAILED, or INCOMPLETE (a file could not be read)
 * @param total how many cases
 * @param statusCounts cases per status
 * @param durationInNanoSeconds the cases' total duration
 * @param testCases every case, failed ones first
 * @param warnings why the report is INCOMPLETE, if it is
 * @param type TEST or CODE_COVERAGE
 * @param codeCoverageSummary the whole report's coverage, for CODE_COVERAGE; null for TEST
 * @param codeCoverages coverage per file, for CODE_COVERAGE
 */
public record Report(
        String name,
        String reportGroup,
        String fileFormat,
        String status,
        int total,
        Map<String, Integer> statusCounts,
        long durationInNanoSeconds,
        List<TestCase> testCases,
        List<String> warnings,
        String type,
        @Nullable CodeCoverage codeCoverageSummary,
        List<CodeCoverage> codeCoverages) {

    public Report {
        statusCounts = Collections.unmodifiableMap(new LinkedHashMap<>(statusCounts));
        testCases = List.copyOf(testCases);
        warnings = List.copyOf(warnings);
        codeCoverages = List.copyOf(codeCoverages);
    }

    /** A TEST report. */
    public Report(
            String name,
            String reportGroup,
            String fileFormat,
            String status,
            int total,
            Map<String, Integer> statusCounts,
            long durationInNanoSeconds,
            List<TestCase> testCases,
            List<String> warnings) {
        this(
                name,
                reportGroup,
                fileFormat,
                status,
                total,
                statusCounts,
                durationInNanoSeconds,
                testCases,
                warnings,
                "TEST",
                null,
                List.of());
    }

    /** How many cases passed. */
    public int passedCount() {
        return statusCounts.getOrDefault(TestCaseStatus.SUCCEEDED.name(), 0);
    }

    /** How many cases failed or broke (CodeBuild's FAILED and ERROR). */
    public int failedCount() {
        return statusCounts.getOrDefault(TestCaseStatus.FAILED.name(), 0)
                + statusCounts.getOrDefault(TestCaseStatus.ERROR.name(), 0);
    }

    /** How many cases were skipped. */
    public int skippedCount() {
        return statusCounts.getOrDefault(TestCaseStatus.SKIPPED.name(), 0);
    }

    /** Whether the report says SUCCEEDED (FAILED and INCOMPLETE do not). */
    public boolean succeeded() {
        return ReportStatus.SUCCEEDED.name().equals(status);
    }

    /** Whether the report says FAILED. */
    public boolean failed() {
        return ReportStatus.FAILED.name().equals(status);
    }

    /** Whether this is a coverage report. */
    public boolean isCoverage() {
        return "CODE_COVERAGE".equals(type);
    }
}
