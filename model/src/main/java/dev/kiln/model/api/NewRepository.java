package dev.kiln.model.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A repository as a user adds it.
 *
 * @param url any URL git reads, or a path on the orchestrator's machine
 * @param name its name (default: the URL's last part)
 * @param branch the branch to follow, or null
 * @param webhookSecret the secret that signs its webhooks, or null
 * @param pollIntervalSeconds how often to poll (0: never), or null for the server's default
 * @param allow what its pipelines are allowed beyond the default, or null for nothing more
 * @param credentials what it is read with when it is private, or null
 */
public record NewRepository(
        String url,
        @Nullable String name,
        @Nullable String branch,
        @Nullable String webhookSecret,
        @Nullable Integer pollIntervalSeconds,
        @Nullable List<Allowance> allow,
        @Nullable RepositoryCredentials credentials) {
    public NewRepository {
        allow = allow == null ? null : List.copyOf(allow);
    }

    @Override
    public String toString() {
        return "NewRepository[" + url + (webhookSecret == null ? "" : ", with a webhook secret")
                + (credentials == null ? "" : ", with credentials") + "]";
    }
}
