package dev.kiln.orchestrator.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.orchestrator.OrchestratorException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutated deliveries of each forge, correctly signed so that they reach the payload reader: each is read into pushes
 * or refused with Kiln's own exception (400 naming the problem), never another exception, a stack overflow or a hang.
 */
class WebhooksFuzzTest {
    private static final String SECRET = "whsec-fuzz-5e1c";
    private static final int MUTATIONS = 2000;
    private static final String[] PIECES = {
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "\\",
        "\\u0000",
        "\\ud800",
        "null",
        "true",
        "1e999",
        "-0",
        "[]",
        "{}",
        "\"ref\":",
        "\"after\":",
        "\"commits\":",
        "\"changes\":",
        "\"refs/heads/",
        "\u0000",
        "é",
        " ",
    };

    /** A forge's delivery: its fixture and how it is signed. */
    private record Forge(String fixture, String event, String eventHeader, String signatureHeader, String prefix) {}

    private static final List<Forge> FORGES = List.of(
            new Forge("github-push.json", "push", "X-GitHub-Event", "X-Hub-Signature-256", "sha256="),
            new Forge("gitea-push.json", "push", "X-Gitea-Event", "X-Gitea-Signature", ""),
            new Forge("bitbucket-push.json", "repo:push", "X-Event-Key", "X-Hub-Signature", "sha256="),
            new Forge("gitlab-push.json", "Push Hook", "X-Gitlab-Event", "X-Gitlab-Token", ""));

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void mutated_deliveries_are_read_or_refused_with_a_clear_error() throws Exception {
        for (Forge forge : FORGES) {
            String seed = Files.readString(Path.of("src/test/resources/webhooks", forge.fixture()));
            Random random = new Random(forge.fixture().hashCode());
            for (int i = 0; i < MUTATIONS; i++) {
                deliver(forge, mutate(seed, random));
            }
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void json_nested_a_hundred_thousand_deep_is_refused_as_such() {
        int deep = 100_000;
        for (Forge forge : FORGES) {
            for (String body : List.of(
                    "[".repeat(deep) + "]".repeat(deep),
                    "{\"ref\": " + "{\"a\": ".repeat(deep) + "1" + "}".repeat(deep) + "}")) {
                Exception refused = deliver(forge, body);
                assertThat(refused).as(forge.fixture()).isNotNull();
                assertThat(refused.getMessage()).doesNotContain("com.fasterxml", "Exception");
            }
        }
    }

    /** Delivers a body signed as its forge signs; answers Kiln's refusal, or null when it was read. */
    private static Exception deliver(Forge forge, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        String signature = forge.signatureHeader().equals("X-Gitlab-Token")
                ? SECRET
                : forge.prefix() + HexFormat.of().formatHex(WebhookSignatures.sign(body, SECRET));
        try {
            List<PushEvent> pushes = Webhooks.read(
                    Map.of(forge.eventHeader(), forge.event(), forge.signatureHeader(), signature), body, SECRET);
            assertThat(pushes).isNotNull();
            return null;
        } catch (OrchestratorException e) {
            assertThat(e.httpStatus()).as(e.getMessage()).isEqualTo(400);
            assertThat(e.getMessage()).isNotBlank();
            return e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(
                    forge.fixture() + ": " + e + " on:\n" + text.substring(0, Math.min(300, text.length())), e);
        }
    }

    private static String mutate(String seed, Random random) {
        StringBuilder text = new StringBuilder(seed);
        int edits = 1 + random.nextInt(5);
        for (int e = 0; e < edits; e++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length());
            switch (random.nextInt(5)) {
                case 0 -> text.insert(at, PIECES[random.nextInt(PIECES.length)]);
                case 1 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(40)));
                case 2 -> text.setLength(at);
                case 3 -> {
                    if (text.length() > 0) {
                        text.setCharAt(at, (char) random.nextInt(0x3000));
                    }
                }
                default -> text.insert(at, "[".repeat(random.nextInt(2000)));
            }
        }
        return text.toString();
    }
}
