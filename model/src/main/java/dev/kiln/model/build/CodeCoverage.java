package dev.kiln.model.build;

/**
 * Coverage of one file, or of a whole report as its {@code codeCoverageSummary} ({@code CodeCoverage}).
 *
 * @param filePath the file, as the coverage tool names it; empty for a summary
 * @param linesCovered lines run at least once
 * @param linesMissed lines never run
 * @param branchesCovered branches taken
 * @param branchesMissed branches never taken
 */
public record CodeCoverage(
        String filePath, long linesCovered, long linesMissed, long branchesCovered, long branchesMissed) {

    /** Covered lines as a percentage of all lines, 0 without lines. */
    public double lineCoveragePercentage() {
        return percent(linesCovered, linesMissed);
    }

    /** Taken branches as a percentage of all branches, 0 without branches. */
    public double branchCoveragePercentage() {
        return percent(branchesCovered, branchesMissed);
    }

    /** This and another summed, under {@code path}. */
    public CodeCoverage plus(CodeCoverage other, String path) {
        return new CodeCoverage(
                path,
                linesCovered + other.linesCovered,
                linesMissed + other.linesMissed,
                branchesCovered + other.branchesCovered,
                branchesMissed + other.branchesMissed);
    }

    private static double percent(long covered, long missed) {
        long total = covered + missed;
        return total == 0 ? 0 : Math.round(covered * 10000.0 / total) / 100.0;
    }
}
