package dev.kiln.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.agent.testing.Engines;
import dev.kiln.agent.testing.TestBuild;
import dev.kiln.model.build.BuildPhase;
import dev.kiln.model.build.PhaseType;
import dev.kiln.model.build.StatusType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build of a git repository: fetched in DOWNLOAD_SOURCE, its own buildspec read from the clone. */
@Tag("docker")
class GitSourceBuildTest {
    @TempDir
    Path work;

    private String url;
    private RevCommit good;

    @BeforeEach
    void repository() throws Exception {
        Path dir = work.resolve("repo");
        try (Git git =
                Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("buildspec.yml"), """
                    version: 0.2
                    env:
                      variables:
                        FROM_REPO: yes-from-the-repository
                    phases:
                      build:
                        commands:
                          - cat message.txt
                          - echo "$FROM_REPO"
                          - echo "resolved=$CODEBUILD_RESOLVED_SOURCE_VERSION"
                          - echo "version=$CODEBUILD_SOURCE_VERSION"
                          - echo "repo=$CODEBUILD_SOURCE_REPO_URL"
                    """);
            Files.writeString(dir.resolve("message.txt"), "hello from git\n");
            git.add().addFilepattern(".").call();
            good = git.commit()
                    .setMessage("good")
                    .setAuthor("T", "t@example.invalid")
                    .setSign(false)
                    .call();
            git.checkout().setCreateBranch(true).setName("broken").call();
            Files.writeString(dir.resolve("buildspec.yml"), "version: 0.2\nphases:\n  biuld:\n    commands: [x]\n");
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("broken")
                    .setAuthor("T", "t@example.invalid")
                    .setSign(false)
                    .call();
        }
        url = dir.toUri().toString();
    }

    private static BuildPhase download(TestBuild.Result result) {
        return result.phase(PhaseType.DOWNLOAD_SOURCE).orElseThrow();
    }

    @Test
    void builds_the_repository_at_a_branch_with_codebuilds_source_variables() throws Exception {
        var result = new TestBuild(Engines.docker(), work)
                .git(url, Optional.of("main"))
                .run();

        assertThat(result.build().buildStatus()).as(result.text()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(result.output())
                .containsExactly(
                        "hello from git",
                        "yes-from-the-repository",
                        "resolved=" + good.name(),
                        "version=main",
                        "repo=" + url);
        assertThat(result.build().resolvedSourceVersion()).isEqualTo(good.name());
        assertThat(result.build().sourceVersion()).isEqualTo("main");
    }

    @Test
    void an_invalid_buildspec_in_the_repository_is_a_yaml_file_error_with_every_problem_logged() throws Exception {
        var result = new TestBuild(Engines.docker(), work)
                .git(url, Optional.of("broken"))
                .run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAILED);
        assertThat(download(result).contexts().get(0).statusCode()).isEqualTo("YAML_FILE_ERROR");
        assertThat(download(result).contexts().get(0).message())
                .contains("buildspec.yml:3:3: error: phases.biuld: unknown key; did you mean 'build'?");
        assertThat(result.text()).contains("buildspec.yml:3:3: error: phases.biuld");
        assertThat(result.phaseTypes()).doesNotContain(PhaseType.INSTALL);
    }

    @Test
    void an_unknown_version_fails_download_source_as_a_client_error() throws Exception {
        var result = new TestBuild(Engines.docker(), work)
                .git(url, Optional.of("no-such-branch"))
                .run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAILED);
        assertThat(download(result).contexts().get(0).statusCode()).isEqualTo("CLIENT_ERROR");
        assertThat(download(result).contexts().get(0).message()).contains("no branch, tag or commit 'no-such-branch'");
    }
}
