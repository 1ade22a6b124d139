package dev.kiln.orchestrator.state;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A registered repository.
 *
 * @param name its name, unique; the pipeline's name unless its file names another
 * @param url any URL JGit reads, or a local path
 * @param branch the branch a manual start runs when no ref is given, if not the remote's default
 * @param webhookSecret the secret webhooks are verified with, if webhooks are used
 * @param pollIntervalSeconds how often it is polled; 0 for never
 * @param heads the commit each branch and tag pointed at when last seen ({@code refs/heads/main} -> id)
 * @param createdAt when it was added
 */
public record Repository(
        String name,
        String url,
        Optional<String> branch,
        Optional<String> webhookSecret,
        int pollIntervalSeconds,
        Map<String, String> heads,
        Instant createdAt) {

    public Repository {
        heads = Map.copyOf(heads);
    }

    /** The same repository with other heads. */
    public Repository withHeads(Map<String, String> newHeads) {
        return new Repository(name, url, branch, webhookSecret, pollIntervalSeconds, newHeads, createdAt);
    }
}
