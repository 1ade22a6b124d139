package dev.kiln.model.build;

/** CodeBuild's statuses of a test case ({@code TestCase.status}). */
public enum TestCaseStatus {
    SUCCEEDED,
    FAILED,
    ERROR,
    SKIPPED,
    UNKNOWN;

    /** Whether {@code status} says the case failed or broke. */
    public static boolean failed(String status) {
        return FAILED.name().equals(status) || ERROR.name().equals(status);
    }
}
