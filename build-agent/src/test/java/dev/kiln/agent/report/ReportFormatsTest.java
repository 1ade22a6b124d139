package dev.kiln.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kiln.agent.archive.SourceArchives;
import dev.kiln.model.build.CodeCoverage;
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

/** Every report format CodeBuild reads, against real tools' output where a tool runs here (see the fixtures' README). */
class ReportFormatsTest {
    private static final Path FIXTURES = Path.of("src/test/resources/reports");

    @TempDir
    Path work;

    private Report collect(String fixture, ReportFileFormat format) throws IOException {
        Path dir = Files.createDirectories(work.resolve("out"));
        Files.copy(FIXTURES.resolve(fixture), dir.resolve(fixture));
        ReportGroup group = new ReportGroup("g", List.of(fixture), Optional.of("out"), false, format);
        try (InputStream tree = SourceArchives.tarOf(dir, "out")) {
            return ReportCollector.collect("shop", group, tree, UnaryOperator.identity());
        }
    }

    @Test
    void testng_results_from_a_real_run() throws IOException {
        Report report = collect("testng-results.xml", ReportFileFormat.TESTNGXML);

        assertThat(report.status()).isEqualTo("FAILED");
        assertThat(report.warnings()).isEmpty();
        assertThat(report.total())
                .as("4 unit tests, 1 API test and 3 scenarios, not the configuration methods")
                .isEqualTo(8);
        assertThat(report.statusCounts())
                .containsEntry("SUCCEEDED", 4)
                .containsEntry("FAILED", 3)
                .containsEntry("SKIPPED", 1);
        assertThat(report.testCases())
                .filteredOn(c -> c.name().equals("discountsLargeCarts"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.prefix()).isEqualTo("shop.CartTest");
                    assertThat(c.message())
                            .isEqualTo("ten percent off above 100.00 expected [17000] but found [18000]");
                });
    }

    @Test
    void cucumber_json_from_a_real_run() throws IOException {
        Report report = collect("cucumber.json", ReportFileFormat.CUCUMBERJSON);

        assertThat(report.testCases())
                .extracting(TestCase::prefix, TestCase::name, TestCase::status)
                .containsExactlyInAnyOrder(
                        tuple("Checkout", "Small carts pay full price", "SUCCEEDED"),
                        tuple("Checkout", "Large carts get a discount", "FAILED"),
                        tuple("Checkout", "Gift wrapping", "SKIPPED"));
        assertThat(report.testCases().get(0).message()).contains("expected [19000] but found [18000]");
        assertThat(report.durationInNanoSeconds()).isPositive();
    }

    @Test
    void nunit_2_and_3_and_trx() throws IOException {
        for (var format : List.of(ReportFileFormat.NUNITXML, ReportFileFormat.NUNIT3XML)) {
            Report report =
                    collect(format == ReportFileFormat.NUNITXML ? "nunit2-results.xml" : "nunit3-results.xml", format);
            assertThat(report.testCases())
                    .as(format.name())
                    .extracting(TestCase::prefix, TestCase::name, TestCase::status)
                    .containsExactlyInAnyOrder(
                            tuple("Shop.CartTests", "TotalsPrices", "SUCCEEDED"),
                            tuple("Shop.CartTests", "DiscountsLargeCarts", "FAILED"),
                            tuple("Shop.CartTests", "ReadsPriceList", "ERROR"),
                            tuple("Shop.CartTests", "PrintsReceipts", "SKIPPED"));
            assertThat(report.testCases())
                    .filteredOn(c -> c.status().equals("SKIPPED"))
                    .singleElement()
                    .extracting(TestCase::message)
                    .isEqualTo("receipt printer not attached");
            assertThat(report.durationInNanoSeconds()).isEqualTo(35_000_000L);
        }
        Report trx = collect("results.trx", ReportFileFormat.VISUALSTUDIOTRX);
        assertThat(trx.testCases())
                .extracting(TestCase::prefix, TestCase::name, TestCase::status, TestCase::durationInNanoSeconds)
                .containsExactlyInAnyOrder(
                        tuple("Shop.CartTests", "TotalsPrices", "SUCCEEDED", 12_000_000L),
                        tuple("Shop.CartTests", "DiscountsLargeCarts", "FAILED", 1_500_000_000L),
                        tuple("Shop.CartTests", "PrintsReceipts", "SKIPPED", 0L));
        assertThat(trx.testCases().get(0).message()).startsWith("Assert.Equal() Failure");
    }

    @Test
    void jacoco_with_its_dtd_declaration_from_a_real_run() throws IOException {
        Report report = collect("jacoco.xml", ReportFileFormat.JACOCOXML);

        assertThat(report.warnings()).isEmpty();
        assertThat(report.type()).isEqualTo("CODE_COVERAGE");
        assertThat(report.status()).isEqualTo("SUCCEEDED");
        assertThat(report.codeCoverages())
                .extracting(CodeCoverage::filePath)
                .containsExactly("shop/Cart.java", "shop/CartController.java", "shop/ShopApplication.java");
        CodeCoverage cart = report.codeCoverages().get(0);
        // JaCoCo's own counters for Cart.java: LINE missed 0 covered 12, BRANCH missed 1 covered 7
        assertThat(cart.linesCovered()).isEqualTo(12);
        assertThat(cart.linesMissed()).isZero();
        assertThat(cart.branchesCovered()).isEqualTo(7);
        assertThat(cart.branchesMissed()).isEqualTo(1);
        assertThat(report.codeCoverageSummary().linesCovered())
                .isEqualTo(report.codeCoverages().stream()
                        .mapToLong(CodeCoverage::linesCovered)
                        .sum());
    }

    @Test
    void cobertura_from_coverage_py_clover_from_openclover_simplecov_from_simplecov() throws IOException {
        Report cobertura = collect("cobertura-coverage.xml", ReportFileFormat.COBERTURAXML);
        assertThat(cobertura.codeCoverages())
                .extracting(CodeCoverage::filePath, CodeCoverage::linesCovered, CodeCoverage::linesMissed)
                .containsExactly(tuple("prices.py", 7L, 2L)); // coverage.py: lines-valid 9, lines-covered 7
        assertThat(cobertura.codeCoverageSummary().branchesCovered()).isEqualTo(2); // branches-covered 2
        assertThat(cobertura.codeCoverageSummary().branchesMissed()).isEqualTo(2); // of branches-valid 4

        Report clover = collect("clover.xml", ReportFileFormat.CLOVERXML);
        assertThat(clover.codeCoverages())
                .extracting(CodeCoverage::linesCovered, CodeCoverage::linesMissed, CodeCoverage::branchesCovered)
                .containsExactly(tuple(7L, 1L, 3L));
        assertThat(clover.codeCoverages().get(0).filePath()).endsWith("src/main/java/shop/Cart.java");

        Report resultset = collect("simplecov-resultset.json", ReportFileFormat.SIMPLECOV);
        Report json = collect("simplecov-coverage.json", ReportFileFormat.SIMPLECOV);
        for (Report simplecov : List.of(resultset, json)) {
            assertThat(simplecov.warnings()).isEmpty();
            assertThat(simplecov.codeCoverageSummary().linesCovered()).isEqualTo(10);
            assertThat(simplecov.codeCoverageSummary().linesMissed()).isEqualTo(2);
            assertThat(simplecov.codeCoverageSummary().lineCoveragePercentage()).isEqualTo(83.33);
        }
        assertThat(resultset.codeCoverageSummary().branchesCovered()).isEqualTo(2);
    }

    @Test
    void a_broken_coverage_file_is_an_incomplete_report() throws IOException {
        Files.createDirectories(work.resolve("out"));
        Files.writeString(work.resolve("out/jacoco.xml"), "<report><package name='a'>");
        ReportGroup group =
                new ReportGroup("cov", List.of("jacoco.xml"), Optional.of("out"), false, ReportFileFormat.JACOCOXML);
        Report report;
        try (InputStream tree = SourceArchives.tarOf(work.resolve("out"), "out")) {
            report = ReportCollector.collect("shop", group, tree, UnaryOperator.identity());
        }
        assertThat(report.status()).isEqualTo("INCOMPLETE");
        assertThat(report.warnings()).singleElement().asString().contains("jacoco.xml is not valid XML");
    }
}
