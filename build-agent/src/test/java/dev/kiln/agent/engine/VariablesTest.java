package dev.kiln.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.agent.testing.Engines;
import dev.kiln.agent.testing.TestBuild;
import dev.kiln.model.build.Build;
import dev.kiln.model.build.StatusType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The variables a build sees, their precedence, and what it exports. */
@Tag("docker")
class VariablesTest {
    @TempDir
    Path work;

    @Test
    void command_line_overrides_project_which_overrides_the_buildspec() throws IOException {
        var result = new TestBuild(Engines.docker(), work)
                .projectEnv("B", "project")
                .projectEnv("C", "project")
                .overrideEnv("C", "override")
                .buildspec("""
                        version: 0.2
                        env:
                          variables:
                            A: buildspec
                            B: buildspec
                            C: buildspec
                            LITERAL: $PATH:/extra
                        phases:
                          build:
                            commands:
                              - echo "A=$A B=$B C=$C"
                              - echo "LITERAL=$LITERAL"
                        """)
                .run();

        assertThat(result.output()).containsExactly("A=buildspec B=project C=override", "LITERAL=$PATH:/extra");
    }

    @Test
    void codebuild_variables_have_codebuilds_formats() throws IOException {
        var result = new TestBuild(Engines.docker(), work)
                .overrideEnv("CODEBUILD_BUILD_ID", "cannot-override")
                .buildspec("""
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - env | grep -E '^(CODEBUILD_|AWS_|HOME=)' | sort
                        """)
                .run();
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : result.output()) {
            int eq = line.indexOf('=');
            env.put(line.substring(0, eq), line.substring(eq + 1));
        }
        Build build = result.build();

        assertThat(env.get("CODEBUILD_BUILD_ID"))
                .isEqualTo(build.id())
                .matches("test-project:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(env.get("CODEBUILD_BUILD_ARN"))
                .isEqualTo("arn:aws:codebuild:us-east-1:000000000000:build/" + build.id());
        assertThat(env.get("CODEBUILD_PROJECT_ARN"))
                .isEqualTo("arn:aws:codebuild:us-east-1:000000000000:project/test-project");
        assertThat(env.get("CODEBUILD_BUILD_NUMBER")).isEqualTo("7");
        assertThat(env.get("CODEBUILD_SRC_DIR")).matches("/codebuild/output/src\\d+/src");
        assertThat(Long.parseLong(env.get("CODEBUILD_START_TIME")))
                .isEqualTo(build.startTime().toEpochMilli());
        assertThat(env.get("CODEBUILD_BUILD_SUCCEEDING")).isEqualTo("1");
        assertThat(env.get("CODEBUILD_BUILD_IMAGE"))
                .isEqualTo(build.environment().image());
        assertThat(env.get("CODEBUILD_INITIATOR")).isEqualTo("tester");
        assertThat(env.get("CODEBUILD_LOG_PATH")).isEqualTo(build.id().substring("test-project:".length()));
        assertThat(env.get("CODEBUILD_CI")).isEqualTo("true");
        assertThat(env.get("AWS_REGION")).isEqualTo("us-east-1");
        assertThat(env.get("AWS_DEFAULT_REGION")).isEqualTo("us-east-1");
        assertThat(env.get("HOME")).isEqualTo("/root");
    }

    @Test
    void exported_variables_take_their_values_at_the_end_of_post_build() throws IOException {
        var result = new TestBuild(Engines.docker(), work).buildspec("""
                        version: 0.2
                        env:
                          variables:
                            FROM_ENV: initial
                          exported-variables:
                            - FROM_ENV
                            - SET_IN_BUILD
                            - CHANGED_LATER
                            - NEVER_SET
                        phases:
                          build:
                            commands:
                              - SET_IN_BUILD="with spaces and 'quotes'"
                              - export CHANGED_LATER=first
                          post_build:
                            commands:
                              - CHANGED_LATER=second
                        """).run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(result.build().exportedEnvironmentVariables())
                .containsExactly(
                        new Build.ExportedVariable("FROM_ENV", "initial"),
                        new Build.ExportedVariable("SET_IN_BUILD", "with spaces and 'quotes'"),
                        new Build.ExportedVariable("CHANGED_LATER", "second"),
                        new Build.ExportedVariable("NEVER_SET", ""));
    }
}
