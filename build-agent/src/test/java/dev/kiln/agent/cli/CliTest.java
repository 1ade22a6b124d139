package dev.kiln.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them: flags, output streams and exit statuses. */
class CliTest {
    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path file(String name, String content) throws IOException {
        Path p = work.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    @Test
    void lint_reports_every_problem_and_exits_2() throws IOException {
        Path bad = file("bad.yml", "phases:\n  biuld:\n    commands: [x]\nartifacts:\n  name: x\n");

        int exit = KilnCli.execute("lint", bad.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stdout())
                .contains(bad + ":1:1: error: version: missing 'version'")
                .contains(bad + ":2:3: error: phases.biuld: unknown key; did you mean 'build'?")
                .contains(bad + ":5:3: error: artifacts.files: missing 'artifacts.files'");
    }

    @Test
    void lint_of_a_good_file_exits_0_and_json_output_is_machine_readable() throws IOException {
        Path good = file("good.yml", "version: 0.1\nphases:\n  build:\n    commands: [echo hi]\n");

        int exit = KilnCli.execute("lint", "--output", "json", good.toString());

        assertThat(exit).isZero();
        JsonNode problems = new ObjectMapper().readTree(stdout());
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).get("severity").asText()).isEqualTo("warning");
        assertThat(problems.get(0).get("line").asInt()).isEqualTo(1);
    }

    @Test
    void lint_reads_a_file_under_kiln_as_a_pipeline_or_any_file_with_kind() throws IOException {
        Path pipeline = file(".kiln/pipeline.yml", """
                version: 1
                stages:
                  - name: build
                    actions:
                      - {name: compile, type: biuld}
                  - name: test
                    actions:
                      - {name: unit, type: test, inputs: [app]}
                """);
        Path good = file("ci.yml", "version: 1\nstages:\n  - name: b\n    actions:\n      - {name: a, type: build}\n");

        int exit = KilnCli.execute("lint", pipeline.toString());
        String text = stdout();
        int kindExit = KilnCli.execute("lint", "--kind", "pipeline", good.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(text)
                .contains(pipeline + ":5:25: error: stages[0].actions[0].type: unknown action type 'biuld'; did you"
                        + " mean build?")
                .contains(pipeline + ":8:43: error: stages[1].actions[0].inputs: no action outputs 'app'");
        assertThat(kindExit).isZero();
        assertThat(stdout()).contains(good + ": ok");
        assertThat(KilnCli.execute("lint", "--kind", "deployment", good.toString()))
                .isEqualTo(2);
    }

    @Test
    void lint_of_a_missing_file_exits_2() {
        assertThat(KilnCli.execute("lint", work.resolve("nope.yml").toString())).isEqualTo(2);
        assertThat(stderr()).contains("no such file");
    }

    @Test
    void build_with_an_invalid_buildspec_runs_nothing_and_exits_2() throws IOException {
        file("src/buildspec.yml", "version: 0.2\nphases:\n  build:\n    commands:\n      - echo: broken\n");

        int exit = KilnCli.execute("build", "--source", work.resolve("src").toString(), "--backend", "process");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).contains("buildspec.yml:5:9: error").contains("nothing was run");
        assertThat(stdout()).doesNotContain("Entering phase");
    }

    @Test
    void build_rejects_bad_flags_with_exit_2() throws IOException {
        file("src/buildspec.yml", "version: 0.2\nphases:\n  build:\n    commands: [echo hi]\n");
        String src = work.resolve("src").toString();

        assertThat(KilnCli.execute("build", "--source", src, "--compute-type", "HUGE"))
                .isEqualTo(2);
        assertThat(KilnCli.execute("build", "--source", src, "--timeout", "0")).isEqualTo(2);
        assertThat(KilnCli.execute("build", "--source", src, "--backend", "vm")).isEqualTo(2);
        assertThat(KilnCli.execute("build", "--no-such-flag")).isEqualTo(2);
        assertThat(KilnCli.execute("build", "--source", work.resolve("missing").toString()))
                .isEqualTo(2);
        assertThat(KilnCli.execute("build", "--source", src, "--cache-max-size", "lots"))
                .isEqualTo(2);
        assertThat(KilnCli.execute("build", "--source", src, "--cache-max-age", "1y"))
                .isEqualTo(2);
        assertThat(KilnCli.execute("build", "--source", src, "--cache", "s3://"))
                .isEqualTo(2);
        assertThat(KilnCli.execute("build", "--source", src, "--secondary-source", "lib"))
                .isEqualTo(2);
        assertThat(KilnCli.execute("build", "--source", src, "--secondary-source", "my-lib=" + src))
                .isEqualTo(2);
        assertThat(KilnCli.execute("build", "--source", src, "--secondary-source", "x=" + src + "/none.zip"))
                .isEqualTo(2);
        assertThat(KilnCli.execute("build", "--source", "NO_SOURCE")).isEqualTo(2);
        assertThat(KilnCli.execute("build", "--source", src, "--docker-layer-cache"))
                .isEqualTo(2);
        assertThat(stderr())
                .contains("--secondary-source lib: use ID=LOCATION[@VERSION]")
                .contains("the identifier may hold only letters, digits and _")
                .contains("no zip archive at " + src + "/none.zip")
                .contains("--source NO_SOURCE needs the buildspec as a file: pass --buildspec FILE")
                .contains("--docker-layer-cache needs --privileged")
                .contains("unknown compute type HUGE")
                .contains("Run 'kiln build --help'")
                .contains("--cache-max-size lots: use a size such as 500m, 10g or 1t")
                .contains("--cache-max-age 1y: use an age such as 30d, 12h or 90m")
                .contains("--cache: no bucket in s3://");
    }

    @Test
    void help_is_available_on_every_command() {
        assertThat(KilnCli.execute("--help")).isZero();
        assertThat(KilnCli.execute("build", "--help")).isZero();
        assertThat(KilnCli.execute("lint", "--help")).isZero();
        assertThat(stdout()).contains("--compute-type").contains("--output").contains("Exit status");
    }

    @Test
    void json_output_puts_only_the_build_object_on_stdout() throws IOException {
        file("src/buildspec.yml", """
                version: 0.2
                env:
                  exported-variables: [RESULT]
                phases:
                  build:
                    commands:
                      - RESULT=done
                      - echo output line
                      - "false"
                artifacts:
                  files: ['**/*']
                """);

        int exit = KilnCli.execute(
                "build",
                "--source",
                work.resolve("src").toString(),
                "--backend",
                "process",
                "--artifacts",
                work.resolve("art").toString(),
                "--output",
                "json");

        assertThat(exit).isEqualTo(1);
        JsonNode build = new ObjectMapper().readTree(stdout());
        assertThat(build.get("buildStatus").asText()).isEqualTo("FAILED");
        assertThat(build.get("id").asText()).startsWith("src:");
        assertThat(build.get("currentPhase").asText()).isEqualTo("COMPLETED");
        assertThat(build.get("buildComplete").asBoolean()).isTrue();
        assertThat(build.get("startTime").isNumber()).isTrue();
        assertThat(build.get("phases")).hasSize(11);
        JsonNode buildPhase = build.get("phases").get(6);
        assertThat(buildPhase.get("phaseType").asText()).isEqualTo("BUILD");
        assertThat(buildPhase.get("phaseStatus").asText()).isEqualTo("FAILED");
        assertThat(buildPhase.get("durationInSeconds").isIntegralNumber()).isTrue();
        assertThat(buildPhase.get("contexts").get(0).get("statusCode").asText()).isEqualTo("COMMAND_EXECUTION_ERROR");
        assertThat(build.get("phases").get(0).has("contexts")).isFalse();
        assertThat(build.get("phases").get(10).has("phaseStatus")).isFalse();
        assertThat(build.get("exportedEnvironmentVariables").get(0).get("value").asText())
                .isEqualTo("done");
        assertThat(build.get("artifacts").get("location").asText()).endsWith("artifacts.zip");
        assertThat(stderr()).contains("output line").contains("Entering phase BUILD");
    }

    @Test
    void build_numbers_count_up_per_project() throws IOException {
        file("src/buildspec.yml", "version: 0.2\nphases:\n  build:\n    commands: [echo hi]\n");
        String[] args = {
            "build",
            "--source",
            work.resolve("src").toString(),
            "--backend",
            "process",
            "--project",
            "counter-" + System.nanoTime(),
            "--output",
            "json"
        };

        KilnCli.execute(args);
        long first = new ObjectMapper().readTree(stdout()).get("buildNumber").asLong();
        out.reset();
        KilnCli.execute(args);
        long second = new ObjectMapper().readTree(stdout()).get("buildNumber").asLong();

        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
    }

    @Test
    void a_fractional_timeout_ends_the_build_timed_out_with_exit_4() throws IOException {
        file("src/buildspec.yml", "version: 0.2\nphases:\n  build:\n    commands:\n      - sleep 30\n");
        long start = System.nanoTime();

        int exit = KilnCli.execute(
                "build", "--source", work.resolve("src").toString(), "--backend", "process", "--timeout", "0.02");

        assertThat(exit).isEqualTo(4);
        assertThat((System.nanoTime() - start) / 1_000_000_000).isLessThan(15);
        assertThat(stdout()).contains("Phase complete: BUILD State: TIMED_OUT").contains("Build TIMED_OUT");
    }

    @Test
    void an_unreadable_secrets_file_is_invalid_input() throws IOException {
        file("src/buildspec.yml", "version: 0.2\nphases:\n  build:\n    commands: [echo hi]\n");
        Path secrets = file("secrets.json", "not json at all: hunter22");

        int exit = KilnCli.execute(
                "build",
                "--source",
                work.resolve("src").toString(),
                "--backend",
                "process",
                "--secrets",
                secrets.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).contains("cannot read the secrets file " + secrets).doesNotContain("hunter22");
    }

    @Test
    void a_git_source_is_fetched_and_its_own_buildspec_runs() throws Exception {
        Path repo = work.resolve("my-service");
        try (var git = org.eclipse.jgit.api.Git.init()
                .setDirectory(repo.toFile())
                .setInitialBranch("main")
                .call()) {
            Files.writeString(
                    repo.resolve("buildspec.yml"),
                    "version: 0.2\nphases:\n  build:\n    commands:\n      - test -f buildspec.yml\n");
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("m")
                    .setAuthor("T", "t@example.invalid")
                    .setSign(false)
                    .call();
            git.tag().setName("v1.0").setAnnotated(false).call();
        }

        int exit = KilnCli.execute(
                "build",
                "--source",
                repo.toUri().toString(),
                "--source-version",
                "v1.0",
                "--backend",
                "process",
                "--output",
                "json");

        assertThat(exit).isZero();
        JsonNode build = new ObjectMapper().readTree(stdout());
        assertThat(build.get("projectName").asText()).isEqualTo("my-service");
        assertThat(build.get("sourceVersion").asText()).isEqualTo("v1.0");
        assertThat(build.get("resolvedSourceVersion").asText()).hasSize(40);
        assertThat(KilnCli.execute("build", "--source", repo.toString(), "--git-clone-depth", "0"))
                .isEqualTo(2);
        assertThat(stderr()).contains("--git-clone-depth must be at least 1");
    }

    @Test
    void reports_are_summarised_and_written_as_json() throws IOException {
        file("src/buildspec.yml", """
                version: 0.2
                phases:
                  build:
                    commands:
                      - printf '<testsuite><testcase classname="c" name="fails"><failure message="no"/></testcase></testsuite>' > r.xml
                reports:
                  unit:
                    files: [r.xml]
                """);

        int exit = KilnCli.execute(
                "build",
                "--source",
                work.resolve("src").toString(),
                "--backend",
                "process",
                "--reports",
                work.resolve("reports").toString());

        assertThat(exit).isZero();
        assertThat(stdout())
                .contains("Report unit: FAILED, 0 passed, 1 failed, 0 skipped")
                .contains("FAILED c fails: no");
        JsonNode report =
                new ObjectMapper().readTree(work.resolve("reports/unit.json").toFile());
        assertThat(report.get("testSummary").get("total").asInt()).isEqualTo(1);
        assertThat(report.get("testCases").get(0).get("status").asText()).isEqualTo("FAILED");
    }
}
