package dev.kiln.model.buildspec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.lint.LintFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests: every file under {@code buildspec/valid} parses with no error; every file under
 * {@code buildspec/invalid} gives exactly the problems listed in the {@code .expected} file beside it. Run with
 * {@code -Dkiln.fixtures.write=true} to write missing expectation files for review.
 */
class BuildspecFixturesTest {
    private static final Path ROOT = Path.of("src/test/resources/buildspec");

    static Stream<Path> valid() throws IOException {
        return LintFixtures.files(ROOT.resolve("valid"));
    }

    static Stream<Path> invalid() throws IOException {
        return LintFixtures.files(ROOT.resolve("invalid"));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void valid_files_parse_without_errors(Path file) throws IOException {
        ParsedBuildspec parsed = BuildspecParser.parse(file, file.getFileName().toString());

        assertThat(parsed.report().errors()).isEmpty();
        assertThat(parsed.buildspec()).isPresent();
        assertThat(parsed.buildspec().get().phases()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalid_files_report_every_expected_problem(Path file) throws IOException {
        ParsedBuildspec parsed = BuildspecParser.parse(file, file.getFileName().toString());

        assertThat(parsed.buildspec()).isEmpty();
        LintFixtures.assertExpected(file, parsed.report());
    }
}
