package dev.kiln.model.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.appspec.AppSpecParser;
import dev.kiln.model.buildspec.BuildspecParser;
import dev.kiln.model.pipeline.PipelineParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests for both kinds of file: every file under {@code <kind>/valid} parses with no error; every file under
 * {@code <kind>/invalid} gives exactly the problems in the {@code .expected} file beside it.
 */
class LintFixturesTest {
    private static final Path ROOT = Path.of("src/test/resources");

    /** A parsed file of either kind: its plan, if any, and its report. */
    private record Parsed(Optional<?> plan, LintReport report) {}

    private static Parsed parse(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (file.startsWith(ROOT.resolve("pipeline"))) {
            var parsed = PipelineParser.parse(name, Files.readString(file));
            return new Parsed(parsed.pipeline(), parsed.report());
        }
        if (file.startsWith(ROOT.resolve("appspec"))) {
            var parsed = AppSpecParser.parse(name, Files.readString(file, StandardCharsets.UTF_8));
            return new Parsed(parsed.appSpec(), parsed.report());
        }
        var parsed = BuildspecParser.parse(name, Files.readString(file));
        return new Parsed(parsed.buildspec(), parsed.report());
    }

    private static Stream<Path> filesOf(String dir) {
        try {
            return LintFixtures.files(ROOT.resolve(dir));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Path> valid() throws IOException {
        return Stream.of("buildspec", "pipeline", "appspec").flatMap(kind -> filesOf(kind + "/valid"));
    }

    static Stream<Path> invalid() throws IOException {
        return Stream.of("buildspec", "pipeline", "appspec").flatMap(kind -> filesOf(kind + "/invalid"));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void valid_files_parse_without_errors(Path file) throws IOException {
        Parsed parsed = parse(file);

        assertThat(parsed.report().errors()).isEmpty();
        assertThat(parsed.plan()).isPresent();
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalid_files_report_every_expected_problem(Path file) throws IOException {
        Parsed parsed = parse(file);

        assertThat(parsed.plan()).isEmpty();
        LintFixtures.assertExpected(file, parsed.report());
    }
}
