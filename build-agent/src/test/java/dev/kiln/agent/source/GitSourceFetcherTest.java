package dev.kiln.agent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.kit.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real repositories, made by the test and read over file:// and by path. */
class GitSourceFetcherTest {
    @TempDir
    Path work;

    GitSourceFetcher fetcher;
    String url;
    RevCommit first;
    private RevCommit second;
    private RevCommit pullRequest;

    /** The fetcher under test. */
    GitSourceFetcher newFetcher() {
        return new GitSourceFetcher();
    }

    @BeforeEach
    void repositories() throws Exception {
        fetcher = newFetcher();
        Path libWork = work.resolve("lib-work");
        try (Git lib = Git.init()
                .setDirectory(libWork.toFile())
                .setInitialBranch("main")
                .call()) {
            commit(lib, libWork, "lib.txt", "library\n", "lib");
        }
        Path appWork = work.resolve("app-work");
        try (Git app = Git.init()
                .setDirectory(appWork.toFile())
                .setInitialBranch("main")
                .call()) {
            first = commit(app, appWork, "a.txt", "one\n", "first");
            app.tag().setName("v1").setObjectId(first).setAnnotated(false).call();
            app.submoduleAdd()
                    .setPath("lib")
                    .setURI(libWork.toUri().toString())
                    .call()
                    .close();
            second = commit(app, appWork, "a.txt", "two\n", "second, with a submodule");
            app.checkout().setCreateBranch(true).setName("feature").call();
            commit(app, appWork, "feature.txt", "feature\n", "feature work");
            app.checkout().setName("main").call();
            app.checkout()
                    .setCreateBranch(true)
                    .setName("contributor")
                    .setStartPoint(first)
                    .call();
            pullRequest = commit(app, appWork, "pr.txt", "from a pull request\n", "pull request");
            app.checkout().setName("main").call();
        }
        Path bare = work.resolve("app.git");
        try (Git origin = Git.cloneRepository()
                .setURI(appWork.toUri().toString())
                .setDirectory(bare.toFile())
                .setBare(true)
                .setCloneAllBranches(true)
                .call()) {
            Repository repo = origin.getRepository();
            for (String branch : new String[] {"feature", "contributor"}) {
                RefUpdate u = repo.updateRef("refs/heads/" + branch);
                u.setNewObjectId(
                        repo.resolve("refs/remotes/origin/" + branch) == null
                                ? (branch.equals("feature") ? repo.resolve("refs/heads/feature") : pullRequest)
                                : repo.resolve("refs/remotes/origin/" + branch));
                u.forceUpdate();
            }
            RefUpdate pr = repo.updateRef("refs/pull/3/head");
            pr.setNewObjectId(pullRequest);
            pr.forceUpdate();
            repo.updateRef("refs/heads/contributor").delete();
        }
        url = bare.toUri().toString();
    }

    static RevCommit commit(Git git, Path dir, String file, String content, String message) throws Exception {
        Files.writeString(dir.resolve(file), content);
        git.add().addFilepattern(".").call();
        return git.commit()
                .setMessage(message)
                .setAuthor("Test", "test@example.invalid")
                .setSign(false)
                .call();
    }

    Path target(String name) {
        return work.resolve("out-" + name);
    }

    String fetch(String name, Optional<String> version, Optional<Integer> depth, boolean submodules) {
        return fetcher.fetch(new Source.Git(url, version, depth, submodules), target(name), ProgressListener.none())
                .commit();
    }

    @Test
    void the_default_branch_by_file_url() throws IOException {
        String resolved = fetch("default", Optional.empty(), Optional.empty(), false);

        assertThat(resolved).isEqualTo(second.name());
        assertThat(target("default").resolve("a.txt")).hasContent("two");
    }

    @Test
    void a_branch_a_tag_and_a_commit_id() {
        fetch("branch", Optional.of("feature"), Optional.empty(), false);
        String tag = fetch("tag", Optional.of("v1"), Optional.empty(), false);
        String commit = fetch("commit", Optional.of(first.name().substring(0, 10)), Optional.empty(), false);

        assertThat(target("branch").resolve("feature.txt")).exists();
        assertThat(tag).isEqualTo(first.name());
        assertThat(target("tag").resolve("a.txt")).hasContent("one");
        assertThat(commit).isEqualTo(first.name());
        assertThat(target("commit").resolve("a.txt")).hasContent("one");
    }

    @Test
    void pr_n_is_the_pull_request_ref() {
        String resolved = fetch("pr", Optional.of("pr/3"), Optional.empty(), false);

        assertThat(resolved).isEqualTo(pullRequest.name());
        assertThat(target("pr").resolve("pr.txt")).hasContent("from a pull request");
    }

    @Test
    void a_depth_makes_a_shallow_clone() throws Exception {
        fetch("shallow", Optional.empty(), Optional.of(1), false);

        try (Git git = Git.open(target("shallow").toFile());
                RevWalk walk = new RevWalk(git.getRepository())) {
            walk.markStart(walk.parseCommit(git.getRepository().resolve("HEAD")));
            int count = 0;
            for (RevCommit ignored : walk) {
                count++;
            }
            assertThat(count).isEqualTo(1);
        }
    }

    @Test
    void submodules_only_when_asked() {
        fetch("with", Optional.empty(), Optional.empty(), true);
        fetch("without", Optional.empty(), Optional.empty(), false);

        assertThat(target("with").resolve("lib/lib.txt")).hasContent("library");
        assertThat(target("without").resolve("lib/lib.txt")).doesNotExist();
    }

    @Test
    void a_plain_path_works_as_a_url() {
        String resolved = fetcher.fetch(
                        new Source.Git(work.resolve("app.git").toString(), Optional.of("v1"), Optional.empty(), false),
                        target("path"),
                        ProgressListener.none())
                .commit();

        assertThat(resolved).isEqualTo(first.name());
    }

    @Test
    void unknown_versions_and_repositories_say_what_is_missing() {
        assertThatThrownBy(() -> fetch("nope", Optional.of("no-such-branch"), Optional.empty(), false))
                .isInstanceOf(UnableToFetchSourceException.class)
                .hasMessageContaining("no branch, tag or commit 'no-such-branch' in " + url);
        assertThatThrownBy(() -> fetch("nopr", Optional.of("pr/99"), Optional.empty(), false))
                .isInstanceOf(UnableToFetchSourceException.class)
                .hasMessageContaining("99");
        String missing = work.resolve("missing.git").toUri().toString();
        assertThatThrownBy(() -> fetcher.fetch(
                        new Source.Git(missing, Optional.empty(), Optional.empty(), false),
                        target("missing"),
                        ProgressListener.none()))
                .isInstanceOf(UnableToFetchSourceException.class)
                .hasMessageContaining("cannot fetch " + missing);
        assertThat(new UnableToFetchSourceException("x", null).statusCode()).isEqualTo("CLIENT_ERROR");
    }

    @Test
    void a_url_holding_401_is_not_taken_for_a_refused_login_but_a_401_answer_is() {
        String url = "file:///tmp/junit-903401725916578316/missing.git";
        assertThat(GitSourceFetcher.failure(url, new Exception(url + ": not found"), false)
                        .getMessage())
                .contains("cannot fetch " + url);
        assertThat(GitSourceFetcher.failure(url, new Exception(url + ": 401 Unauthorized"), false)
                        .getMessage())
                .contains("authentication failed");
    }
}
