package dev.kiln.agent.backend.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.agent.testing.TestBuild;
import dev.kiln.model.build.StatusType;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process backend runs the same driver as containers do, so the same semantics hold on the host. */
class ProcessBackendTest {
    @TempDir
    Path work;

    @Test
    void runs_a_build_with_shared_state_and_artifacts_and_says_it_is_not_isolated() throws IOException {
        var build = new TestBuild(new ProcessBackend(System.getenv()), work)
                .file("in.txt", "input\n")
                .buildspec("""
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - mkdir out && cd out
                              - V=kept
                              - exit 2
                          post_build:
                            commands:
                              - echo "$V in $(basename "$(pwd)") succeeding=$CODEBUILD_BUILD_SUCCEEDING" | tee result.txt
                        artifacts:
                          files: ['out/*']
                        """);
        var result = build.run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAILED);
        assertThat(result.output()).containsExactly("kept in out succeeding=0");
        assertThat(result.text()).contains("not isolated");
        assertThat(build.artifacts().resolve("artifacts.zip")).exists();
        assertThat(result.build().environment().backend()).isEqualTo("process");
    }

    @Test
    void a_timeout_kills_the_processes() throws IOException {
        var result = new TestBuild(new ProcessBackend(System.getenv()), work)
                .timeout(java.time.Duration.ofSeconds(1))
                .buildspec("version: 0.2\nphases:\n  build:\n    commands:\n      - sleep 30\n")
                .run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.TIMED_OUT);
        assertThat(java.time.Duration.between(
                        result.build().startTime(), result.build().endTime()))
                .isLessThan(java.time.Duration.ofSeconds(10));
    }

    @Test
    void a_missing_secret_fails_before_any_command_naming_it() throws IOException {
        var result = new TestBuild(new ProcessBackend(System.getenv()), work)
                .buildspec("""
                        version: 0.2
                        env:
                          parameter-store:
                            DB_PASSWORD: /prod/db/password
                        phases:
                          build:
                            commands:
                              - echo "never runs"
                        """)
                .run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAILED);
        assertThat(result.output()).isEmpty();
        var download =
                result.phase(dev.kiln.model.build.PhaseType.DOWNLOAD_SOURCE).orElseThrow();
        assertThat(download.phaseStatus()).isEqualTo(StatusType.FAILED);
        assertThat(download.contexts().get(0).statusCode()).isEqualTo("CLIENT_ERROR");
        assertThat(download.contexts().get(0).message())
                .isEqualTo("not found: parameter /prod/db/password (for DB_PASSWORD)");
        assertThat(result.phaseTypes()).doesNotContain(dev.kiln.model.build.PhaseType.INSTALL);
    }

    @Test
    void an_agents_builds_see_a_clean_environment_without_its_token_or_keys() throws IOException {
        java.util.Map<String, String> agent = new java.util.HashMap<>(System.getenv());
        agent.put("KILN_TOKEN", "kiln_agent_token_never_seen");
        agent.put("AWS_SECRET_ACCESS_KEY", "store-key-never-seen");
        agent.put("LC_ALL", "C.UTF-8");
        var result = new TestBuild(new ProcessBackend(ProcessBackend.clean(agent)), work)
                .buildspec("""
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - env | sort
                        """)
                .run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(result.text())
                .doesNotContain("kiln_agent_token_never_seen", "store-key-never-seen", "KILN_TOKEN")
                .contains("LC_ALL=C.UTF-8")
                .contains("PATH=");
    }
}
