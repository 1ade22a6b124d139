package dev.kiln.model.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Golden lint fixtures: the {@code .yml} files of a directory, each invalid one with the exact report expected in
 * the {@code .expected} file beside it. With {@code -Dkiln.fixtures.write=true} a missing expectation is written,
 * for review.
 */
public final class LintFixtures {
    private LintFixtures() {}

    /** The fixture files of a directory, sorted. */
    public static Stream<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList().stream();
        }
    }

    /** Checks that {@code report} has an error and is exactly what the file's {@code .expected} says. */
    public static void assertExpected(Path file, LintReport report) throws IOException {
        Path expectedFile = Path.of(file.toString().replace(".yml", ".expected"));
        String actual = report.format();
        if (!Files.exists(expectedFile) && Boolean.getBoolean("kiln.fixtures.write")) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        }
        assertThat(report.problems()).anyMatch(p -> p.severity() == Severity.ERROR);
        assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
    }
}
