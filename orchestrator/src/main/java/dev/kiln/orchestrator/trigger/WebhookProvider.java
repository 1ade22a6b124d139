package dev.kiln.orchestrator.trigger;

/** The forges whose push webhooks Kiln reads, and how each proves a delivery is genuine. */
public enum WebhookProvider {
    /** {@code X-GitHub-Event: push}, {@code X-Hub-Signature-256: sha256=<HMAC-SHA256 of the body>}. */
    GITHUB,
    /** {@code X-Gitlab-Event: Push Hook} or {@code Tag Push Hook}, {@code X-Gitlab-Token: <the secret>}. */
    GITLAB,
    /** {@code X-Gitea-Event: push}, {@code X-Gitea-Signature: <HMAC-SHA256 of the body>}. */
    GITEA,
    /** {@code X-Event-Key: repo:push}, {@code X-Hub-Signature: sha256=<HMAC-SHA256 of the body>}. */
    BITBUCKET,
    /** Not a webhook: a push the orchestrator found by polling the repository; nothing to verify. */
    POLLING
}
