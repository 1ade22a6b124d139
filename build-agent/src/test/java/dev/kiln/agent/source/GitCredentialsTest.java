package dev.kiln.agent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.agent.testing.GitHttpServer;
import dev.kiln.agent.testing.TestRepositories;
import dev.kiln.kit.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials against git's own HTTP server with basic authentication, on loopback. */
class GitCredentialsTest {
    private static final String TOKEN = "tok-5f2c9e1d7a";

    @TempDir
    Path work;

    private Path root;

    @BeforeEach
    void repository() throws Exception {
        root = Files.createDirectories(work.resolve("served"));
        TestRepositories.bare(root.resolve("app.git"), "private.txt", "secret sauce\n");
    }

    private FetchedSource fetch(GitSourceFetcher fetcher, String url, String into) {
        return fetcher.fetch(
                new Source.Git(url, Optional.empty(), Optional.empty(), false),
                work.resolve(into),
                ProgressListener.none());
    }

    @Test
    void a_token_from_the_store_fetches_a_private_repository_with_and_without_the_source_cache() throws Exception {
        try (GitHttpServer server = GitHttpServer.start(root, GitCredentials.TOKEN_USER, TOKEN)) {
            Path file = work.resolve("credentials.json");
            Files.writeString(file, "{\"http://127.0.0.1\": {\"token\": \"" + TOKEN + "\"}}");
            GitCredentials credentials = GitCredentials.read(file);

            fetch(new GitSourceFetcher(Optional.empty(), credentials), server.url("app.git"), "direct");
            fetch(
                    new GitSourceFetcher(Optional.of(work.resolve("mirrors")), credentials),
                    server.url("app.git"),
                    "kept");

            assertThat(work.resolve("direct/private.txt")).hasContent("secret sauce");
            assertThat(work.resolve("kept/private.txt")).hasContent("secret sauce");
        }
    }

    @Test
    void a_wrong_or_missing_login_is_a_client_error_that_never_shows_the_credential() throws Exception {
        try (GitHttpServer server = GitHttpServer.start(root, "ci", "right-password-123")) {
            String url = server.url("app.git");
            GitCredentials wrong =
                    GitCredentials.of("http://127.0.0.1", new GitCredentials.Login("ci", "wrong-pw-456"));

            assertThatThrownBy(() -> fetch(new GitSourceFetcher(Optional.empty(), wrong), url, "a"))
                    .isInstanceOf(UnableToFetchSourceException.class)
                    .hasMessage("authentication failed for " + url + ": the repository refused the credentials for"
                            + " it; check them in the git credentials file")
                    .satisfies(e -> assertThat(((UnableToFetchSourceException) e).statusCode())
                            .isEqualTo("CLIENT_ERROR"));
            assertThatThrownBy(() -> fetch(new GitSourceFetcher(Optional.of(work.resolve("m")), wrong), url, "b"))
                    .hasMessageContaining("authentication failed for " + url)
                    .hasMessageNotContaining("wrong-pw-456");
            assertThatThrownBy(() -> fetch(new GitSourceFetcher(), url, "c"))
                    .hasMessage("authentication failed for " + url
                            + ": it needs credentials; give them with --git-credentials FILE");
            String inUrl = url.replace("http://", "http://ci:wrong-pw-456@");
            assertThatThrownBy(() -> fetch(new GitSourceFetcher(), inUrl, "d"))
                    .hasMessageContaining("authentication failed for " + url)
                    .hasMessageNotContaining("wrong-pw-456");
            assertThat(server.refused()).isPositive();
        }
    }

    @Test
    void the_longest_prefix_wins_and_bad_files_name_the_entry_not_the_value() throws Exception {
        Path file = work.resolve("c.json");
        Files.writeString(file, """
                {"https://git.example.com": {"username": "team", "password": "p1"},
                 "https://git.example.com/secure/": {"token": "t2"},
                 "gitea.internal": {"username": "bot", "password": "p3"}}
                """);
        GitCredentials credentials = GitCredentials.read(file);

        assertThat(credentials
                        .loginFor("https://git.example.com/app.git")
                        .orElseThrow()
                        .username())
                .isEqualTo("team");
        assertThat(credentials
                        .loginFor("https://git.example.com/secure/app.git")
                        .orElseThrow()
                        .password())
                .isEqualTo("t2");
        assertThat(credentials
                        .loginFor("http://gitea.internal:3000/x.git")
                        .orElseThrow()
                        .username())
                .isEqualTo("bot");
        assertThat(credentials.loginFor("https://elsewhere.example/x.git")).isEmpty();
        assertThat(credentials
                        .loginFor("https://git.example.com/app.git")
                        .orElseThrow()
                        .toString())
                .doesNotContain("p1");

        Files.writeString(file, "{\"https://h\": {\"username\": \"u\", \"pasword\": \"hunter22\"}}");
        assertThatThrownBy(() -> GitCredentials.read(file))
                .isInstanceOf(InvalidCredentialsFileException.class)
                .hasMessageContaining("entry 'https://h' needs a \"token\", or a \"username\" and a \"password\"")
                .hasMessageNotContaining("hunter22");
    }
}
