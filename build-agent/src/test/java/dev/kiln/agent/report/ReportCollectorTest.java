package dev.kiln.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.agent.archive.SourceArchives;
import dev.kiln.model.build.Report;
import dev.kiln.model.build.TestCase;
import dev.kiln.model.buildspec.ReportFileFormat;
import dev.kiln.model.buildspec.ReportGroup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCollectorTest {
    private static final Path FIXTURES = Path.of("src/test/resources/reports");

    @TempDir
    Path work;

    private Report collect(List<String> fixtures, ReportFileFormat format) throws IOException {
        Path dir = Files.createDirectories(work.resolve("build/test-results"));
        for (String f : fixtures) {
            Files.copy(FIXTURES.resolve(f), dir.resolve(f));
        }
        ReportGroup group = new ReportGroup("unit", List.of("**/*"), Optional.of("build"), false, format);
        try (InputStream tree = SourceArchives.tarOf(work.resolve("build"), "build")) {
            return ReportCollector.collect("shop", group, tree, UnaryOperator.identity());
        }
    }

    @Test
    void a_real_surefire_report_reads_as_succeeded() throws IOException {
        Report report = collect(List.of("surefire-OnFailureTest.xml"), ReportFileFormat.JUNITXML);

        assertThat(report.name()).isEqualTo("shop-unit");
        assertThat(report.status()).isEqualTo("SUCCEEDED");
        assertThat(report.total()).isEqualTo(4);
        assertThat(report.statusCounts()).containsEntry("SUCCEEDED", 4).containsEntry("FAILED", 0);
        assertThat(report.testCases())
                .allSatisfy(c -> assertThat(c.prefix()).isEqualTo("dev.kiln.model.buildspec.OnFailureTest"));
        assertThat(report.durationInNanoSeconds()).isPositive();
        assertThat(report.testCases().get(0).testRawDataPath()).isEqualTo("test-results/surefire-OnFailureTest.xml");
    }

    @Test
    void failures_errors_and_skips_with_their_messages_failed_first() throws IOException {
        Report report = collect(List.of("mixed-results.xml"), ReportFileFormat.JUNITXML);

        assertThat(report.status()).isEqualTo("FAILED");
        assertThat(report.statusCounts())
                .containsEntry("SUCCEEDED", 1)
                .containsEntry("FAILED", 1)
                .containsEntry("ERROR", 1)
                .containsEntry("SKIPPED", 1);
        assertThat(report.durationInNanoSeconds()).isEqualTo(750_000_000L);
        TestCase failed = report.testCases().get(0);
        assertThat(failed.name()).isEqualTo("applies_discount");
        assertThat(failed.message()).startsWith("expected: 90 but was: 100").contains("CartTest.java:42");
        assertThat(report.testCases().get(report.testCases().size() - 1).status())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void a_malformed_file_makes_the_report_incomplete_not_a_crash() throws IOException {
        Report report = collect(List.of("malformed.xml", "mixed-results.xml"), ReportFileFormat.JUNITXML);

        assertThat(report.status()).isEqualTo("INCOMPLETE");
        assertThat(report.total()).isEqualTo(4);
        assertThat(report.warnings()).singleElement().asString().contains("malformed.xml is not valid XML");
    }

    @Test
    void entities_are_refused_so_no_file_is_ever_read() throws IOException {
        Report report = collect(List.of("entity.xml"), ReportFileFormat.JUNITXML);

        assertThat(report.status()).isEqualTo("INCOMPLETE");
        assertThat(report.total()).isZero();
        assertThat(report.warnings()).singleElement().asString().contains("DOCTYPE");
    }

    @Test
    void a_file_of_another_format_is_incomplete_with_a_reason_and_no_files_is_said() throws IOException {
        Report other = collect(List.of("mixed-results.xml"), ReportFileFormat.NUNITXML);
        ReportGroup none =
                new ReportGroup("none", List.of("nothing/*.xml"), Optional.empty(), false, ReportFileFormat.JUNITXML);
        Report empty;
        try (InputStream tree = SourceArchives.tarOf(Files.createDirectories(work.resolve("e")), "e")) {
            empty = ReportCollector.collect("shop", none, tree, UnaryOperator.identity());
        }

        assertThat(other.status()).isEqualTo("INCOMPLETE");
        assertThat(other.warnings())
                .singleElement()
                .asString()
                .contains(
                        "test-results/mixed-results.xml is not a NUnit XML report (its root is <testsuites>, not <test-results>)");
        assertThat(empty.warnings()).singleElement().asString().contains("no report files matched");
    }
}
