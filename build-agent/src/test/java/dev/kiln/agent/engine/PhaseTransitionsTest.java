package dev.kiln.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.agent.testing.Engines;
import dev.kiln.agent.testing.TestBuild;
import dev.kiln.model.build.BuildPhase;
import dev.kiln.model.build.PhaseType;
import dev.kiln.model.build.StatusType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CodeBuild's rules for what runs after a failure, each against a real container. */
@Tag("docker")
class PhaseTransitionsTest {
    private static final List<PhaseType> ALL = List.of(
            PhaseType.SUBMITTED,
            PhaseType.QUEUED,
            PhaseType.PROVISIONING,
            PhaseType.DOWNLOAD_SOURCE,
            PhaseType.INSTALL,
            PhaseType.PRE_BUILD,
            PhaseType.BUILD,
            PhaseType.POST_BUILD,
            PhaseType.UPLOAD_ARTIFACTS,
            PhaseType.FINALIZING,
            PhaseType.COMPLETED);

    @TempDir
    Path work;

    private TestBuild.Result run(String buildspec) throws IOException {
        return new TestBuild(Engines.docker(), work).buildspec(buildspec).run();
    }

    @Test
    void a_successful_build_has_all_eleven_phases_with_times_and_contexts() throws IOException {
        var result = run("version: 0.2\nphases:\n  build:\n    commands:\n      - echo ok\n");

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(result.phaseTypes()).isEqualTo(ALL);
        for (BuildPhase phase : result.build().phases()) {
            assertThat(phase.startTime()).isNotNull();
            if (phase.phaseType() == PhaseType.COMPLETED) {
                assertThat(phase.phaseStatus()).isNull();
                assertThat(phase.endTime()).isNull();
                assertThat(phase.contexts()).isNull();
            } else {
                assertThat(phase.phaseStatus()).isEqualTo(StatusType.SUCCEEDED);
                assertThat(phase.endTime()).isAfterOrEqualTo(phase.startTime());
                assertThat(phase.durationInSeconds()).isNotNull();
            }
        }
        assertThat(result.phase(PhaseType.SUBMITTED).orElseThrow().contexts()).isNull();
        assertThat(result.phase(PhaseType.BUILD).orElseThrow().contexts()).hasSize(1);
        assertThat(result.build().endTime())
                .isEqualTo(result.phase(PhaseType.COMPLETED).orElseThrow().startTime());
        assertThat(result.text())
                .containsPattern(
                        "\\[Container] \\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} Entering phase BUILD")
                .contains("Phase complete: BUILD State: SUCCEEDED");
    }

    @Test
    void the_first_failing_command_stops_its_phase_and_finally_still_runs() throws IOException {
        var result = run("""
                version: 0.2
                phases:
                  build:
                    commands:
                      - echo one
                      - "false"
                      - echo never
                    finally:
                      - echo finally-one
                      - echo finally-two
                """);

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAILED);
        assertThat(result.output()).containsExactly("one", "finally-one", "finally-two");
        assertThat(result.phase(PhaseType.BUILD).orElseThrow().phaseStatus()).isEqualTo(StatusType.FAILED);
    }

    @Test
    void a_failing_finally_command_fails_the_phase() throws IOException {
        var result = run("""
                version: 0.2
                phases:
                  build:
                    commands:
                      - echo fine
                    finally:
                      - exit 4
                      - echo never
                """);

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAILED);
        assertThat(result.output()).containsExactly("fine");
        assertThat(result.phase(PhaseType.BUILD).orElseThrow().contexts().get(0).message())
                .isEqualTo("Error while executing command: exit 4. Reason: exit status 4");
    }

    @Test
    void after_a_build_failure_post_build_and_upload_run_with_succeeding_zero() throws IOException {
        var result = run("""
                version: 0.2
                phases:
                  build:
                    commands:
                      - echo "build sees $CODEBUILD_BUILD_SUCCEEDING"
                      - "false"
                  post_build:
                    commands:
                      - echo "post_build sees $CODEBUILD_BUILD_SUCCEEDING"
                artifacts:
                  files: ['**/*']
                """);

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAILED);
        assertThat(result.output()).containsExactly("build sees 1", "post_build sees 0");
        assertThat(result.phase(PhaseType.POST_BUILD).orElseThrow().phaseStatus())
                .isEqualTo(StatusType.SUCCEEDED);
        assertThat(result.phase(PhaseType.UPLOAD_ARTIFACTS)).isPresent();
    }

    @Test
    void an_install_failure_skips_build_post_build_and_upload() throws IOException {
        var result = run("""
                version: 0.2
                phases:
                  install:
                    commands:
                      - "false"
                  build:
                    commands:
                      - echo never
                  post_build:
                    commands:
                      - echo never either
                artifacts:
                  files: ['**/*']
                """);

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAILED);
        assertThat(result.output()).isEmpty();
        assertThat(result.phaseTypes())
                .containsExactly(
                        PhaseType.SUBMITTED,
                        PhaseType.QUEUED,
                        PhaseType.PROVISIONING,
                        PhaseType.DOWNLOAD_SOURCE,
                        PhaseType.INSTALL,
                        PhaseType.FINALIZING,
                        PhaseType.COMPLETED);
    }

    @Test
    void a_pre_build_failure_with_on_failure_continue_goes_on_to_build() throws IOException {
        var result = run("""
                version: 0.2
                phases:
                  pre_build:
                    on-failure: CONTINUE
                    commands:
                      - "false"
                  build:
                    commands:
                      - echo "build runs, succeeding=$CODEBUILD_BUILD_SUCCEEDING"
                """);

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAILED);
        assertThat(result.output()).containsExactly("build runs, succeeding=0");
    }

    @Test
    void on_failure_abort_in_build_skips_post_build_and_upload() throws IOException {
        var result = run("""
                version: 0.2
                phases:
                  build:
                    on-failure: ABORT
                    commands:
                      - "false"
                  post_build:
                    commands:
                      - echo never
                artifacts:
                  files: ['**/*']
                """);

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAILED);
        assertThat(result.output()).isEmpty();
        assertThat(result.phaseTypes()).doesNotContain(PhaseType.POST_BUILD, PhaseType.UPLOAD_ARTIFACTS);
    }

    @Test
    void retry_runs_the_phase_again_until_it_passes() throws IOException {
        var result = run("""
                version: 0.2
                phases:
                  build:
                    on-failure: RETRY-3
                    commands:
                      - echo attempt >> /tmp/attempts
                      - test "$(wc -l < /tmp/attempts)" -ge 3
                  post_build:
                    commands:
                      - echo "attempts=$(wc -l < /tmp/attempts)"
                """);

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(result.output()).containsExactly("attempts=3");
        assertThat(result.text()).contains("Retrying phase BUILD: retry 1 of 3", "Retrying phase BUILD: retry 2 of 3");
    }

    @Test
    void retry_gives_up_after_its_count() throws IOException {
        var result = run("""
                version: 0.2
                phases:
                  build:
                    on-failure: RETRY-2
                    commands:
                      - echo attempt >> /tmp/attempts
                      - "false"
                  post_build:
                    commands:
                      - echo "attempts=$(wc -l < /tmp/attempts)"
                """);

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAILED);
        assertThat(result.output()).containsExactly("attempts=3");
    }

    @Test
    void retry_with_a_pattern_retries_only_matching_failures() throws IOException {
        var result = run("""
                version: 0.2
                phases:
                  build:
                    on-failure: RETRY-5-.*connection reset.*
                    commands:
                      - echo attempt >> /tmp/attempts
                      - 'echo "fatal: unrelated problem"; exit 1'
                  post_build:
                    commands:
                      - echo "attempts=$(wc -l < /tmp/attempts)"
                """);

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAILED);
        assertThat(result.output()).containsExactly("fatal: unrelated problem", "attempts=1");
    }

    @Test
    void retry_pattern_matches_the_failing_commands_output() throws IOException {
        var result = run("""
                version: 0.2
                phases:
                  build:
                    on-failure: RETRY-5-connection reset
                    commands:
                      - echo attempt >> /tmp/attempts
                      - 'if [ "$(wc -l < /tmp/attempts)" -lt 2 ]; then echo "error: connection reset by peer"; exit 1; fi'
                """);

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(result.output()).containsExactly("error: connection reset by peer");
    }

    @Test
    void no_matching_artifact_fails_upload_with_a_client_error() throws IOException {
        var result = run("""
                version: 0.2
                phases:
                  build:
                    commands:
                      - echo built
                artifacts:
                  files:
                    - does-not-exist/**/*
                """);

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAILED);
        BuildPhase upload = result.phase(PhaseType.UPLOAD_ARTIFACTS).orElseThrow();
        assertThat(upload.phaseStatus()).isEqualTo(StatusType.FAILED);
        assertThat(upload.contexts().get(0).statusCode()).isEqualTo("CLIENT_ERROR");
        assertThat(upload.contexts().get(0).message()).isEqualTo("no matching artifact paths found");
    }

    @Test
    void artifacts_go_to_an_s3_compatible_store_with_their_checksums() throws Exception {
        try (var server =
                dev.kiln.kit.testing.S3Server.start(java.nio.file.Files.createDirectories(work.resolve("s3")))) {
            var store = new dev.kiln.kit.store.MinioArtifactStore(
                    server.endpoint(),
                    dev.kiln.kit.testing.S3Server.ACCESS_KEY,
                    dev.kiln.kit.testing.S3Server.SECRET_KEY,
                    "artifacts",
                    "project");
            var result = new TestBuild(Engines.docker(), work)
                    .store(store)
                    .buildspec("""
                            version: 0.2
                            phases:
                              build:
                                commands:
                                  - mkdir out && echo binary > out/app.bin
                            artifacts:
                              name: app-$CODEBUILD_BUILD_NUMBER
                              base-directory: out
                              files: ['*']
                            """)
                    .run();

            var artifacts = result.build().artifacts();
            assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
            assertThat(artifacts.location()).isEqualTo("s3://artifacts/project/app-7.zip");
            byte[] stored;
            try (var in = store.get("app-7.zip")) {
                stored = in.readAllBytes();
            }
            assertThat(artifacts.sha256sum())
                    .isEqualTo(java.util.HexFormat.of()
                            .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(stored)));
        }
    }

    @Test
    void reports_are_collected_after_a_failed_build() throws IOException {
        var result = run("""
                version: 0.2
                phases:
                  build:
                    commands:
                      - mkdir -p results
                      - |
                        cat > results/TEST-one.xml <<'END'
                        <testsuite name="one"><testcase classname="one" name="ok" time="0.1"/>
                        <testcase classname="one" name="bad" time="0.2"><failure message="boom"/></testcase>
                        </testsuite>
                        END
                      - exit 1
                reports:
                  unit:
                    files: ['**/*.xml']
                    base-directory: results
                """);

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAILED);
        assertThat(result.build().reports()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("test-project-unit");
            assertThat(r.status()).isEqualTo("FAILED");
            assertThat(r.statusCounts()).containsEntry("SUCCEEDED", 1).containsEntry("FAILED", 1);
            assertThat(r.testCases().get(0).message()).isEqualTo("boom");
        });
        assertThat(result.text()).contains("Report test-project-unit FAILED: 2 cases, 1 succeeded, 1 failed");
    }

    @Test
    void s3_prefix_and_the_build_id_namespace_place_artifacts() throws IOException {
        var build = new TestBuild(Engines.docker(), work).namespaceBuildId();
        var result = build.buildspec("""
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - echo x > out.txt
                        artifacts:
                          files: [out.txt]
                          name: app
                          s3-prefix: releases/
                        """).run();

        String uuid = result.build().id().substring("test-project:".length());
        assertThat(result.build().artifacts().location())
                .isEqualTo(build.artifacts()
                        .resolve("releases/" + uuid + "/app.zip")
                        .toString());
        assertThat(build.artifacts().resolve("releases/" + uuid + "/app.zip")).exists();
    }

    @Test
    void packaging_none_stores_the_files_as_they_are_under_the_artifact_folder() throws IOException {
        var build = new TestBuild(Engines.docker(), work).packagingNone();
        var result = build.buildspec("""
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - mkdir -p site/css && echo page > site/index.html && echo body > site/css/a.css
                        artifacts:
                          files: ['**/*']
                          base-directory: site
                          name: web-$CODEBUILD_BUILD_NUMBER
                          secondary-artifacts:
                            docs:
                              files: [index.html]
                              base-directory: site
                        """).run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(result.build().artifacts().location())
                .isEqualTo(build.artifacts().resolve("web-7").toString());
        assertThat(result.build().artifacts().sha256sum()).isNull();
        assertThat(build.artifacts().resolve("web-7/index.html")).hasContent("page");
        assertThat(build.artifacts().resolve("web-7/css/a.css")).hasContent("body");
        assertThat(build.artifacts().resolve("docs/index.html")).hasContent("page");
        assertThat(result.text())
                .contains("Uploaded 2 file(s) to " + build.artifacts().resolve("web-7"));
    }
}
