package dev.kiln.orchestrator.state;

import dev.kiln.model.api.Allowance;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
 * @param allowed what its pipelines are allowed beyond the default
 * @param sealedCredentials what it is read with, sealed with the server's secret key, when it is private
 */
public record Repository(
        String name,
        String url,
        Optional<String> branch,
        Optional<String> webhookSecret,
        int pollIntervalSeconds,
        Map<String, String> heads,
        Instant createdAt,
        Set<Allowance> allowed,
        Optional<String> sealedCredentials) {

    public Repository {
        heads = Map.copyOf(heads);
        allowed = allowed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowed));
    }

    /** The same repository with other heads. */
    public Repository withHeads(Map<String, String> newHeads) {
        return new Repository(
                name, url, branch, webhookSecret, pollIntervalSeconds, newHeads, createdAt, allowed, sealedCredentials);
    }

    /** The same repository with other allowances. */
    public Repository withAllowed(Set<Allowance> newAllowed) {
        return new Repository(
                name, url, branch, webhookSecret, pollIntervalSeconds, heads, createdAt, newAllowed, sealedCredentials);
    }

    /** Whether its pipelines are allowed that. */
    public boolean allows(Allowance allowance) {
        return allowed.contains(allowance);
    }
}
