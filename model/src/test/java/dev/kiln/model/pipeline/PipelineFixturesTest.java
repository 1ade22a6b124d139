package dev.kiln.model.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.lint.LintFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests: every file under {@code pipeline/valid} parses with no error; every file under
 * {@code pipeline/invalid} gives exactly the problems listed in the {@code .expected} file beside it. Run with
 * {@code -Dkiln.fixtures.write=true} to write missing expectation files for review.
 */
class PipelineFixturesTest {
    private static final Path ROOT = Path.of("src/test/resources/pipeline");

    static Stream<Path> valid() throws IOException {
        return LintFixtures.files(ROOT.resolve("valid"));
    }

    static Stream<Path> invalid() throws IOException {
        return LintFixtures.files(ROOT.resolve("invalid"));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void valid_files_parse_without_errors(Path file) throws IOException {
        ParsedPipeline parsed = PipelineParser.parse(file, file.getFileName().toString());

        assertThat(parsed.report().problems()).isEmpty();
        assertThat(parsed.pipeline()).isPresent();
        assertThat(parsed.pipeline().get().stages()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalid_files_report_every_expected_problem(Path file) throws IOException {
        ParsedPipeline parsed = PipelineParser.parse(file, file.getFileName().toString());

        assertThat(parsed.pipeline()).isEmpty();
        LintFixtures.assertExpected(file, parsed.report());
    }
}
