package dev.kiln.orchestrator.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.orchestrator.JsonErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads push webhooks from GitHub, GitLab, Gitea and Bitbucket: the delivery is verified first (HMAC signature or
 * token), then its body read into {@link PushEvent}s. Other events (ping, pull requests) give none. Stateless.
 */
public final class Webhooks {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** GitHub and GitLab list at most 20 commits; a push with more has its changed paths read from git. */
    private static final int LISTED_COMMITS = 20;

    private Webhooks() {}

    /** The forge a delivery comes from, by its event header. */
    public static Optional<WebhookProvider> provider(Map<String, String> headers) {
        Map<String, String> h = lower(headers);
        if (h.containsKey("x-github-event")) {
            return Optional.of(WebhookProvider.GITHUB);
        }
        if (h.containsKey("x-gitea-event")) {
            return Optional.of(WebhookProvider.GITEA);
        }
        if (h.containsKey("x-gitlab-event")) {
            return Optional.of(WebhookProvider.GITLAB);
        }
        if (h.containsKey("x-event-key")) {
            return Optional.of(WebhookProvider.BITBUCKET);
        }
        return Optional.empty();
    }

    /**
     * Verifies a delivery and reads its pushes.
     *
     * @param secret the repository's webhook secret
     * @return the pushes it reports; none for another event
     * @throws WebhookRejectedException when it is not from the forge (401)
     * @throws InvalidWebhookException when it is, but its body is not a push (400), naming the field
     */
    public static List<PushEvent> read(Map<String, String> headers, byte[] body, @Nullable String secret) {
        Map<String, String> h = lower(headers);
        WebhookProvider provider = provider(h)
                .orElseThrow(() -> new InvalidWebhookException(
                        "no event header: expected X-GitHub-Event," + " X-Gitlab-Event, X-Gitea-Event or X-Event-Key"));
        WebhookSignatures.verify(provider, h, body, secret);
        String event = switch (provider) {
            case GITHUB -> h.get("x-github-event");
            case GITEA -> h.get("x-gitea-event");
            case GITLAB -> h.get("x-gitlab-event");
            case BITBUCKET -> h.get("x-event-key");
            default -> throw new InvalidWebhookException("not a webhook provider: " + provider);
        };
        boolean push = switch (provider) {
            case GITHUB, GITEA -> "push".equals(event);
            case GITLAB -> "Push Hook".equals(event) || "Tag Push Hook".equals(event);
            case BITBUCKET -> "repo:push".equals(event);
            default -> false;
        };
        if (!push) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidWebhookException(JsonErrors.notJson(e));
        } catch (IOException e) {
            throw new InvalidWebhookException("the body could not be read as JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidWebhookException("the body must be a JSON object");
        }
        return provider == WebhookProvider.BITBUCKET ? bitbucket(root) : List.of(gitStyle(provider, root));
    }

    private static PushEvent gitStyle(WebhookProvider provider, JsonNode root) {
        String ref = text(root, "ref");
        String before = text(root, "before");
        String after = text(root, "after");
        JsonNode repo = root.path(provider == WebhookProvider.GITLAB ? "project" : "repository");
        if (!repo.isObject()) {
            throw new InvalidWebhookException(
                    "field '" + (provider == WebhookProvider.GITLAB ? "project" : "repository") + "' is missing");
        }
        List<String> urls = new ArrayList<>();
        for (String field :
                List.of("clone_url", "ssh_url", "html_url", "git_http_url", "git_ssh_url", "web_url", "http_url")) {
            if (repo.path(field).isTextual()) {
                urls.add(repo.get(field).asText());
            }
        }
        if (urls.isEmpty()) {
            throw new InvalidWebhookException(
                    "field '" + (provider == WebhookProvider.GITLAB ? "project" : "repository")
                            + "' has no URL (clone_url, git_http_url, html_url, ...)");
        }
        JsonNode commits = root.path("commits");
        int total = root.path("total_commits_count").asInt(commits.size());
        Optional<List<String>> changed = Optional.empty();
        if (commits.isArray() && commits.size() < LISTED_COMMITS && total <= commits.size()) {
            Set<String> paths = new LinkedHashSet<>();
            for (JsonNode commit : commits) {
                for (String kind : List.of("added", "modified", "removed")) {
                    commit.path(kind).forEach(p -> paths.add(p.asText()));
                }
            }
            changed = Optional.of(List.copyOf(paths));
        }
        return new PushEvent(provider, urls, ref, before, after, changed);
    }

    private static List<PushEvent> bitbucket(JsonNode root) {
        JsonNode changes = root.path("push").path("changes");
        if (!changes.isArray()) {
            throw new InvalidWebhookException("field 'push.changes' is missing or not a list");
        }
        JsonNode repo = root.path("repository");
        List<String> urls = new ArrayList<>();
        if (repo.path("links").path("html").path("href").isTextual()) {
            urls.add(repo.path("links").path("html").path("href").asText());
        }
        if (repo.path("full_name").isTextual()) {
            urls.add("https://bitbucket.org/" + repo.get("full_name").asText() + ".git");
        }
        if (urls.isEmpty()) {
            throw new InvalidWebhookException("field 'repository' has no links.html.href and no full_name");
        }
        List<PushEvent> events = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            JsonNode change = changes.get(i);
            JsonNode now = change.path("new");
            String before = change.path("old").path("target").path("hash").asText("0".repeat(40));
            if (now.isNull() || now.isMissingNode()) {
                continue; // a deleted branch or tag: nothing to run
            }
            String type = now.path("type").asText("");
            String name = now.path("name").asText("");
            String hash = now.path("target").path("hash").asText("");
            if (name.isEmpty() || hash.isEmpty() || !(type.equals("branch") || type.equals("tag"))) {
                throw new InvalidWebhookException(
                        "field 'push.changes[" + i + "].new' needs type (branch or tag)," + " name and target.hash");
            }
            String ref = (type.equals("branch") ? "refs/heads/" : "refs/tags/") + name;
            events.add(new PushEvent(WebhookProvider.BITBUCKET, urls, ref, before, hash, Optional.empty()));
        }
        return events;
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new InvalidWebhookException("field '" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    private static Map<String, String> lower(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }
}
