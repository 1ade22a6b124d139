package dev.kiln.agent.report;

import dev.kiln.model.buildspec.ReportFileFormat;
import org.jspecify.annotations.Nullable;

/** The parser for each of CodeBuild's report file formats. */
final class ReportFormats {
    private ReportFormats() {}

    /** The test result parser for a format; null for a coverage format. */
    static @Nullable TestReportParser tests(ReportFileFormat format) {
        return switch (format) {
            case JUNITXML -> new JUnitXmlParser();
            case CUCUMBERJSON -> new CucumberJsonParser();
            case NUNITXML -> new NUnitXmlParser(false);
            case NUNIT3XML -> new NUnitXmlParser(true);
            case TESTNGXML -> new TestNgXmlParser();
            case VISUALSTUDIOTRX -> new TrxParser();
            default -> null;
        };
    }

    /** The coverage parser for a format; null for a test result format. */
    static @Nullable CoverageParser coverage(ReportFileFormat format) {
        return switch (format) {
            case JACOCOXML -> new JacocoXmlParser();
            case COBERTURAXML -> new CoberturaXmlParser();
            case CLOVERXML -> new CloverXmlParser();
            case SIMPLECOV -> new SimpleCovJsonParser();
            default -> null;
        };
    }
}
