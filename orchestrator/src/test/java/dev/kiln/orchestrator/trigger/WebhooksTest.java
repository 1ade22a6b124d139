package dev.kiln.orchestrator.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Deliveries in each forge's payload format, signed with HMAC-SHA256 the way each forge signs them. */
class WebhooksTest {
    private static final String SECRET = "whsec-9d2f7b1c";

    private static byte[] body(String fixture) throws Exception {
        return Files.readAllBytes(Path.of("src/test/resources/webhooks", fixture));
    }

    private static String hmac(byte[] body, String secret) {
        return HexFormat.of().formatHex(WebhookSignatures.sign(body, secret));
    }

    @Test
    void github_push_with_its_sha256_signature() throws Exception {
        byte[] body = body("github-push.json");

        List<PushEvent> events = Webhooks.read(
                Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hmac(body, SECRET)), body, SECRET);

        PushEvent push = events.get(0);
        assertThat(push.provider()).isEqualTo(WebhookProvider.GITHUB);
        assertThat(push.branch()).contains("main");
        assertThat(push.after()).isEqualTo("0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c");
        assertThat(push.repositoryUrls())
                .contains("https://github.com/team/hello.git", "git@github.com:team/hello.git");
        assertThat(push.changedPaths()).contains(List.of("src/cart/discount.c", "src/cart/cart.c", "README.md"));
    }

    @Test
    void gitlab_token_gitea_signature_and_bitbucket_changes() throws Exception {
        byte[] gitlab = body("gitlab-push.json");
        byte[] gitea = body("gitea-push.json");
        byte[] bitbucket = body("bitbucket-push.json");

        PushEvent lab = Webhooks.read(Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", SECRET), gitlab, SECRET)
                .get(0);
        PushEvent tea = Webhooks.read(
                        Map.of("X-Gitea-Event", "push", "X-Gitea-Signature", hmac(gitea, SECRET)), gitea, SECRET)
                .get(0);
        List<PushEvent> bucket = Webhooks.read(
                Map.of("X-Event-Key", "repo:push", "X-Hub-Signature", "sha256=" + hmac(bitbucket, SECRET)),
                bitbucket,
                SECRET);

        assertThat(lab.branch()).contains("release/1.2");
        assertThat(lab.changedPaths()).contains(List.of("docs/guide.md", "docs/faq.md"));
        assertThat(lab.repositoryUrls()).contains("https://gitlab.example.invalid/team/hello.git");
        assertThat(tea.tag()).contains("v1.2.0");
        assertThat(tea.repositoryUrls()).contains("http://gitea.example.invalid:3000/team/hello.git");
        assertThat(bucket).singleElement().satisfies(e -> {
            assertThat(e.branch()).contains("main");
            assertThat(e.after()).isEqualTo("709d658dc5b6d6afcd46049c2f332ee3f515a67d");
            assertThat(e.changedPaths()).isEmpty(); // Bitbucket lists none: read from git
            assertThat(e.repositoryUrls()).contains("https://bitbucket.org/team/hello.git");
        });
    }

    @Test
    void unsigned_wrongly_signed_or_secretless_deliveries_are_refused_with_401() throws Exception {
        byte[] body = body("github-push.json");

        assertThatThrownBy(() -> Webhooks.read(Map.of("X-GitHub-Event", "push"), body, SECRET))
                .isInstanceOf(WebhookRejectedException.class)
                .hasMessageContaining("not signed")
                .satisfies(e ->
                        assertThat(((WebhookRejectedException) e).httpStatus()).isEqualTo(401));
        assertThatThrownBy(() -> Webhooks.read(
                        Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hmac(body, "other")),
                        body,
                        SECRET))
                .isInstanceOf(WebhookRejectedException.class)
                .hasMessageContaining("does not match")
                .hasMessageNotContaining(SECRET);
        byte[] tampered = new String(body, StandardCharsets.UTF_8)
                .replace("refs/heads/main", "refs/heads/evil")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Webhooks.read(
                        Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hmac(body, SECRET)),
                        tampered,
                        SECRET))
                .isInstanceOf(WebhookRejectedException.class);
        assertThatThrownBy(() -> Webhooks.read(
                        Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "guess"),
                        body("gitlab-push.json"),
                        SECRET))
                .isInstanceOf(WebhookRejectedException.class)
                .hasMessageContaining("X-Gitlab-Token does not match");
        assertThatThrownBy(() -> Webhooks.read(Map.of("X-GitHub-Event", "push"), body, ""))
                .isInstanceOf(WebhookRejectedException.class)
                .hasMessageContaining("no webhook secret");
    }

    @Test
    void malformed_bodies_name_the_field_with_400_and_other_events_start_nothing() {
        byte[] notJson = "ref=main".getBytes(StandardCharsets.UTF_8);
        byte[] noRef = "{\"after\": \"abc\", \"before\": \"def\", \"repository\": {\"clone_url\": \"u\"}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] ping = "{\"zen\": \"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Webhooks.read(signed("push", notJson), notJson, SECRET))
                .isInstanceOf(InvalidWebhookException.class)
                .hasMessageContaining("not JSON")
                .satisfies(e ->
                        assertThat(((InvalidWebhookException) e).httpStatus()).isEqualTo(400));
        assertThatThrownBy(() -> Webhooks.read(signed("push", noRef), noRef, SECRET))
                .isInstanceOf(InvalidWebhookException.class)
                .hasMessage("field 'ref' is missing or not a string");
        assertThat(Webhooks.read(signed("ping", ping), ping, SECRET)).isEmpty();
        assertThat(Webhooks.provider(Map.of("Content-Type", "application/json")))
                .isEqualTo(Optional.empty());
    }

    private static Map<String, String> signed(String event, byte[] body) {
        return Map.of("X-GitHub-Event", event, "X-Hub-Signature-256", "sha256=" + hmac(body, SECRET));
    }
}
