package dev.kiln.model.build;

/** CodeBuild's statuses of a test or coverage report ({@code Report.status}). */
public enum ReportStatus {
    SUCCEEDED,
    FAILED,
    INCOMPLETE
}
