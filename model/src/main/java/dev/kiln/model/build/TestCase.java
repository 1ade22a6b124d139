package dev.kiln.model.build;

/**
 * One test case of a report ({@code TestCase}).
 *
 * @param prefix the suite or class the case belongs to
 * @param name the case's name
 * @param status SUCCEEDED, FAILED, ERROR or SKIPPED
 * @param durationInNanoSeconds how long it ran
 * @param message the failure or skip message, empty when it passed
 * @param testRawDataPath the report file it came from, relative to the report's base directory
 */
public record TestCase(
        String prefix, String name, String status, long durationInNanoSeconds, String message, String testRawDataPath) {

    /** Whether it failed or broke (CodeBuild's FAILED and ERROR). */
    public boolean failed() {
        return TestCaseStatus.failed(status);
    }
}
