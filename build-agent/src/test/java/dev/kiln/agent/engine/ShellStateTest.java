package dev.kiln.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.agent.testing.Engines;
import dev.kiln.agent.testing.TestBuild;
import dev.kiln.kit.testing.TestImages;
import dev.kiln.model.build.PhaseType;
import dev.kiln.model.build.StatusType;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Buildspec 0.2 keeps one shell's state for the whole build; 0.1 gives each command a fresh shell. */
@Tag("docker")
class ShellStateTest {
    @TempDir
    Path work;

    private TestBuild build() throws IOException {
        return new TestBuild(Engines.docker(), work);
    }

    @Test
    void cd_export_and_plain_assignments_carry_across_commands_and_phases() throws IOException {
        var result = build().file("sub/marker.txt", "in sub\n").buildspec("""
                        version: 0.2
                        phases:
                          install:
                            commands:
                              - cd sub
                              - export EXPORTED=one
                              - PLAIN=two
                          build:
                            commands:
                              - cat marker.txt
                              - echo "exported=$EXPORTED plain=$PLAIN"
                              - sh -c 'echo "child sees plain=$PLAIN"'
                        """).run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(result.output()).containsExactly("in sub", "exported=one plain=two", "child sees plain=two");
    }

    @Test
    void exit_fails_only_its_command_and_the_shell_state_survives() throws IOException {
        var result = build().buildspec("""
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - cd /tmp && KEEP=kept
                              - exit 3
                              - echo never
                          post_build:
                            commands:
                              - echo "post in $(pwd) with $KEEP"
                        """).run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAILED);
        assertThat(result.output()).containsExactly("post in /tmp with kept");
        assertThat(result.text())
                .contains("Command did not exit successfully exit 3 exit status 3")
                .contains("Phase context status code: COMMAND_EXECUTION_ERROR Message: Error while executing"
                        + " command: exit 3. Reason: exit status 3");
    }

    @Test
    void multi_line_commands_loops_heredocs_pipes_and_quotes() throws IOException {
        var result = build().buildspec("""
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - |
                                for i in 1 2; do
                                  echo "item $i"
                                done
                              - |
                                cat <<'END' | tr a-z A-Z
                                literal $HOME "quoted"
                                END
                              - echo 'single "double" inside' | wc -w
                              - >-
                                echo folded
                                line
                              - printf 'no newline at end'
                        """).run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(result.output())
                .containsExactly(
                        "item 1", "item 2", "LITERAL $HOME \"QUOTED\"", "3", "folded line", "no newline at end");
    }

    @Test
    void version_0_1_runs_each_command_in_a_fresh_shell() throws IOException {
        var result = build().buildspec("""
                        version: 0.1
                        phases:
                          build:
                            commands:
                              - cd /tmp && export GONE=yes
                              - echo "dir=$(pwd) gone=${GONE:-unset}"
                        """).run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(result.output()).singleElement().asString().endsWith("/src gone=unset");
    }

    @Test
    void default_shell_is_sh_and_env_shell_bash_runs_bash() throws IOException {
        String buildspec = """
                version: 0.2
                env:
                  shell: %s
                phases:
                  build:
                    commands:
                      - if [ -n "$BASH_VERSION" ]; then echo bash; else echo not bash; fi
                """;
        var withSh = build().image(TestImages.BASH)
                .buildspec(buildspec.formatted("sh"))
                .run();
        var withBash = new TestBuild(Engines.docker(), work.resolve("bash"))
                .image(TestImages.BASH)
                .buildspec(buildspec.formatted("bash"))
                .run();

        assertThat(withSh.output()).containsExactly("not bash");
        assertThat(withBash.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(withBash.output()).containsExactly("bash");
    }

    @Test
    void bash_requested_on_an_image_without_bash_is_a_client_error() throws IOException {
        var result = build().image(TestImages.BUSYBOX)
                .buildspec("version: 0.2\nenv:\n  shell: bash\nphases:\n  build:\n    commands:\n      - echo x\n")
                .run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAILED);
        assertThat(result.phase(PhaseType.DOWNLOAD_SOURCE)
                        .orElseThrow()
                        .contexts()
                        .get(0)
                        .message())
                .contains("has no bash");
        assertThat(result.phaseTypes()).doesNotContain(PhaseType.BUILD);
    }

    @Test
    void run_as_runs_a_phase_as_another_user_and_keeps_the_shared_state() throws IOException {
        var result = build().buildspec("""
                        version: 0.2
                        phases:
                          pre_build:
                            commands:
                              - SHARED=from-root
                              - whoami
                          build:
                            run-as: builder
                            commands:
                              - whoami
                              - echo "builder sees $SHARED"
                              - LATER=from-builder
                          post_build:
                            commands:
                              - echo "$(whoami) sees $LATER"
                        """).run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(result.output())
                .containsExactly("root", "builder", "builder sees from-root", "root sees from-builder");
    }

    @Test
    void run_as_an_unknown_user_is_the_users_failure_with_a_clear_message() throws IOException {
        var result = build().buildspec("""
                        version: 0.2
                        phases:
                          build:
                            run-as: nobody-here
                            commands:
                              - echo never
                          post_build:
                            commands:
                              - echo post_build still runs
                        """).run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAILED);
        var context = result.phase(PhaseType.BUILD).orElseThrow().contexts().get(0);
        assertThat(context.statusCode()).isEqualTo("CLIENT_ERROR");
        assertThat(context.message()).contains("cannot run commands as 'nobody-here'");
        assertThat(result.output()).containsExactly("post_build still runs");
    }
}
