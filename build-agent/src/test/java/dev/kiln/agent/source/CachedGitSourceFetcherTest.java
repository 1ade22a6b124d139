package dev.kiln.agent.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.kit.ProgressListener;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

/** Every rule of {@link GitSourceFetcherTest} again through LOCAL_SOURCE_CACHE, and what the kept clone adds. */
class CachedGitSourceFetcherTest extends GitSourceFetcherTest {

    @Override
    GitSourceFetcher newFetcher() {
        return new GitSourceFetcher(Optional.of(work.resolve("source-cache")), GitCredentials.none());
    }

    @Test
    void the_kept_clone_is_created_once_then_only_updated_with_what_is_new() throws Exception {
        FetchedSource cold = fetcher.fetch(
                new Source.Git(url, Optional.empty(), Optional.empty(), false),
                target("cold"),
                ProgressListener.none());
        RevCommit third;
        Path pusher = work.resolve("pusher");
        try (Git git =
                Git.cloneRepository().setURI(url).setDirectory(pusher.toFile()).call()) {
            third = commit(git, pusher, "a.txt", "three\n", "third");
            git.push().call();
        }
        FetchedSource warm = fetcher.fetch(
                new Source.Git(url, Optional.of("main"), Optional.empty(), false),
                target("warm"),
                ProgressListener.none());

        assertThat(cold.cacheNote().orElseThrow()).startsWith("Source cache: no kept clone of " + url);
        assertThat(warm.cacheNote().orElseThrow())
                .startsWith("Source cache: updated the kept clone of " + url + " (1 refs changed)");
        assertThat(warm.commit()).isEqualTo(third.name());
        assertThat(target("warm").resolve("a.txt")).hasContent("three");
        try (Git clone = Git.open(target("warm").toFile())) {
            assertThat(clone.getRepository().getConfig().getString("remote", "origin", "url"))
                    .as("the build sees the repository's own URL")
                    .isEqualTo(url);
        }
    }
}
