package dev.kiln.model.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A repository Kiln follows.
 *
 * @param name its name
 * @param url where git reads it
 * @param branch the branch it follows, or null for every branch its pipelines name
 * @param webhook whether a webhook secret is set
 * @param pollIntervalSeconds how often it is polled (0: never)
 * @param heads the commit last seen on each branch
 * @param allow what its pipelines are allowed beyond the default (an admin's choice)
 * @param credentials whether it is read with credentials (they are never shown)
 */
public record Repository(
        String name,
        String url,
        @Nullable String branch,
        boolean webhook,
        int pollIntervalSeconds,
        Map<String, String> heads,
        List<Allowance> allow,
        boolean credentials) {
    public Repository {
        heads = Map.copyOf(heads);
        allow = List.copyOf(allow);
    }
}
