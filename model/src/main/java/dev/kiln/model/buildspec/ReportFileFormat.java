package dev.kiln.model.buildspec;

import java.util.EnumSet;

/** Report file formats CodeBuild reads: test reports, then code coverage reports. */
public enum ReportFileFormat {
    CUCUMBERJSON,
    JUNITXML,
    NUNITXML,
    NUNIT3XML,
    TESTNGXML,
    VISUALSTUDIOTRX,
    CLOVERXML,
    COBERTURAXML,
    JACOCOXML,
    SIMPLECOV;

    /** Whether this is a code coverage format rather than a test format. */
    public boolean isCoverage() {
        return EnumSet.range(CLOVERXML, SIMPLECOV).contains(this);
    }
}
