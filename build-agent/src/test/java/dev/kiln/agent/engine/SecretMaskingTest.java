package dev.kiln.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.agent.secret.JsonFileSecretProvider;
import dev.kiln.agent.testing.Engines;
import dev.kiln.agent.testing.TestBuild;
import dev.kiln.model.build.Build;
import dev.kiln.model.build.BuildPhase;
import dev.kiln.model.build.StatusType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets reach the build's commands and nothing the build writes. */
@Tag("docker")
class SecretMaskingTest {
    private static final String PASSWORD = "s3cr3t-db-password";
    private static final String API_KEY = "ak-7f9e2c";
    private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG";

    @TempDir
    Path work;

    @Test
    void resolved_secrets_are_usable_and_masked_in_log_exports_and_messages() throws IOException {
        Path file = work.resolve("secrets.json");
        Files.writeString(
                file, "{\"/prod/db/password\": \"" + PASSWORD + "\", \"prod/api\": {\"key\": \"" + API_KEY + "\"}}");
        var result = new TestBuild(Engines.docker(), work)
                .secrets(JsonFileSecretProvider.read(file))
                .overrideEnv("AWS_SECRET_ACCESS_KEY", AWS_SECRET)
                .buildspec("""
                        version: 0.2
                        env:
                          parameter-store:
                            DB_PASSWORD: /prod/db/password
                          secrets-manager:
                            API_KEY: prod/api:key
                          exported-variables: [LEAK]
                        phases:
                          build:
                            commands:
                              - echo "password is $DB_PASSWORD"
                              - echo "length=${#API_KEY}"
                              - echo "$API_KEY" >&2
                              - env | grep AWS_SECRET
                              - LEAK="copy of $DB_PASSWORD"
                              - sh -c "echo $API_KEY; exit 9"
                        """)
                .run();
        Build build = result.build();

        assertThat(build.buildStatus()).isEqualTo(StatusType.FAILED);
        assertThat(result.output())
                .containsExactly(
                        "password is ***", "length=" + API_KEY.length(), "***", "AWS_SECRET_ACCESS_KEY=***", "***");
        assertThat(result.text()).doesNotContain(PASSWORD, API_KEY, AWS_SECRET);
        assertThat(build.exportedEnvironmentVariables())
                .containsExactly(new Build.ExportedVariable("LEAK", "copy of ***"));
        for (BuildPhase phase : build.phases()) {
            if (phase.contexts() != null) {
                phase.contexts().forEach(c -> assertThat(c.message()).doesNotContain(API_KEY, PASSWORD));
            }
        }
    }
}
