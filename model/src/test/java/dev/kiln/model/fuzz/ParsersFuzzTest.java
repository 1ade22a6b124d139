package dev.kiln.model.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.appspec.AppSpecParser;
import dev.kiln.model.buildspec.BuildspecParser;
import dev.kiln.model.lint.LintReport;
import dev.kiln.model.lint.Problem;
import dev.kiln.model.pipeline.PipelineParser;
import dev.kiln.model.yaml.YamlDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of generated and mutated files for each parser of a file a committer writes (pipeline file, buildspec,
 * appspec): each is answered with a plan or with problems that have a place and words, never an exception or a hang.
 * The seeds are the valid fixtures; the random numbers are seeded, so a failure repeats.
 */
class ParsersFuzzTest {
    private static final int MUTATIONS = 3000;
    private static final String[] PIECES = {
        "\n",
        ": ",
        "- ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a ",
        "*a",
        "!!binary ",
        "!!python/object ",
        "? ",
        "|",
        ">-",
        "#",
        "'",
        "\"",
        "\\",
        "%YAML 1.1\n",
        "---\n",
        "...\n",
        "\t",
        "  ",
        "<<: *a\n",
        "\u0000",
        "\uFEFF",
        "\uD800",
        "é",
        "~",
        "null",
        "true",
        "0x1F",
        "1e309",
        "-.inf",
        ".nan",
        "9999999999999999999999",
        "version",
        "phases",
        "commands",
        "stages",
        "actions",
        "hooks",
        "files",
        "env",
        "batch",
        "build-graph",
        "depend-on",
        "${",
        "$(",
    };

    /** One parser: its name, and what it answers for a file's text. */
    private record Target(String name, Function<String, Answer> parse) {}

    /** What a parser answered: a plan or not, and its problems. */
    private record Answer(boolean planned, LintReport report) {}

    private static final List<Target> TARGETS = List.of(
            new Target("pipeline", text -> {
                var parsed = PipelineParser.parse(".kiln/pipeline.yml", text);
                return new Answer(parsed.pipeline().isPresent(), parsed.report());
            }),
            new Target("buildspec", text -> {
                var parsed = BuildspecParser.parse("buildspec.yml", text);
                return new Answer(parsed.buildspec().isPresent(), parsed.report());
            }),
            new Target("appspec", text -> {
                var parsed = AppSpecParser.parse("appspec.yml", text);
                return new Answer(parsed.appSpec().isPresent(), parsed.report());
            }));

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void mutated_files_get_a_plan_or_placed_problems_and_never_an_exception() {
        for (Target target : TARGETS) {
            List<String> seeds = seeds(target.name());
            Random random = new Random(target.name().hashCode());
            for (int i = 0; i < MUTATIONS; i++) {
                String text = mutate(seeds.get(random.nextInt(seeds.size())), random);
                check(target, text);
            }
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void nesting_a_hundred_thousand_deep_is_one_clear_problem_not_a_stack_overflow() {
        int deep = 100_000;
        List<String> texts = List.of(
                "[".repeat(deep) + "]".repeat(deep),
                "{a: ".repeat(deep) + "1" + "}".repeat(deep),
                "version: 0.2\nphases:\n  build:\n    commands: " + "[".repeat(deep),
                "x: " + "- ".repeat(deep) + "1\n",
                nestedBlocks(200));
        for (Target target : TARGETS) {
            for (String text : texts) {
                Answer answer = check(target, text);
                assertThat(answer.planned()).isFalse();
                assertThat(answer.report().errors())
                        .as(target.name() + ": " + text.substring(0, 40))
                        .isNotEmpty();
            }
            Answer flow = check(target, "[".repeat(deep) + "]".repeat(deep));
            assertThat(flow.report().errors()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(1);
                assertThat(p.column()).isEqualTo(YamlDocument.MAX_DEPTH + 1);
                assertThat(p.message()).contains("nest more than 100 deep");
            });
        }
    }

    @Test
    void nesting_within_the_limit_is_read_as_usual() {
        String text = "version: 0.2\nphases:\n  build:\n    commands:\n      - echo "
                + "[".repeat(YamlDocument.MAX_DEPTH - 6) + "]".repeat(YamlDocument.MAX_DEPTH - 6) + "\n";
        Answer answer = check(TARGETS.get(1), text);
        assertThat(answer.report().format()).doesNotContain("nest more than");
    }

    /** Parses, and checks that every problem has a place and words. */
    private static Answer check(Target target, String text) {
        Answer answer;
        try {
            answer = target.parse().apply(text);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(
                    target.name() + " threw " + e + " on:\n" + text.substring(0, Math.min(400, text.length())), e);
        }
        for (Problem problem : answer.report().problems()) {
            assertThat(problem.line()).as(problem.format()).isPositive();
            assertThat(problem.column()).as(problem.format()).isPositive();
            assertThat(problem.message()).as(problem.format()).isNotBlank().doesNotContain("Exception", "\tat ");
        }
        if (!answer.planned()) {
            assertThat(answer.report().errors())
                    .as(target.name() + ": no plan and no error for:\n" + text)
                    .isNotEmpty();
        }
        return answer;
    }

    private static String mutate(String seed, Random random) {
        StringBuilder text = new StringBuilder(seed);
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits; e++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length());
            switch (random.nextInt(7)) {
                case 0 -> text.insert(at, PIECES[random.nextInt(PIECES.length)]);
                case 1 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(20)));
                case 2 -> text.setLength(at);
                case 3 -> {
                    int end = Math.min(text.length(), at + random.nextInt(80));
                    text.insert(random.nextInt(text.length() + 1), text.substring(at, end));
                }
                case 4 -> {
                    if (text.length() > 0) {
                        text.setCharAt(at, (char) random.nextInt(0x3000));
                    }
                }
                case 5 -> text.insert(at, "[".repeat(random.nextInt(300)));
                default -> text.insert(at, "\n" + " ".repeat(random.nextInt(12)));
            }
        }
        return text.toString();
    }

    private static String nestedBlocks(int depth) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            text.append(" ".repeat(i)).append("k").append(i).append(":\n");
        }
        return text.append(" ".repeat(depth)).append("v\n").toString();
    }

    private static List<String> seeds(String kind) {
        Path dir = Path.of("src/test/resources", kind);
        List<String> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                seeds.add(Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(seeds).as("fixtures under " + dir).isNotEmpty();
        return seeds;
    }
}
