package dev.kiln.model.api;

import dev.kiln.model.deploy.KnownHostKey;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An environment's settings, as kept (JSON) and shown. Holds no secret.
 *
 * @param kind {@code ssh} or {@code docker}
 * @param hosts the hosts, {@code user@host[:port]}, in deployment order
 * @param root the folder on each host that holds releases
 * @param config {@code OneAtATime}, {@code HalfAtATime} or {@code AllAtOnce}
 * @param minHealthy a custom minimum of healthy hosts ({@code N} or {@code N%}), or empty
 * @param healthUrl a URL that must answer 2xx from each host, or empty
 * @param healthTimeoutSeconds how long it may take
 * @param keepReleases how many releases each host keeps
 * @param trustOnFirstUse whether unknown host keys are trusted and recorded
 * @param knownHostKeys the host keys trusted
 * @param autoRollback whether a failed deployment redeploys the last successful revision
 * @param docker a container environment's settings, or null for SSH hosts
 */
public record EnvironmentSettings(
        String kind,
        List<String> hosts,
        String root,
        String config,
        @Nullable String minHealthy,
        String healthUrl,
        int healthTimeoutSeconds,
        int keepReleases,
        boolean trustOnFirstUse,
        List<KnownHostKey> knownHostKeys,
        boolean autoRollback,
        @Nullable ContainerSettings docker) {

    public EnvironmentSettings {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        knownHostKeys = knownHostKeys == null ? List.of() : List.copyOf(knownHostKeys);
        minHealthy = minHealthy == null ? "" : minHealthy;
        healthUrl = healthUrl == null ? "" : healthUrl;
    }

    /** The same settings with more trusted host keys. */
    public EnvironmentSettings withKeys(List<KnownHostKey> more) {
        List<KnownHostKey> all = new java.util.ArrayList<>(knownHostKeys);
        more.stream().filter(k -> !all.contains(k)).forEach(all::add);
        return new EnvironmentSettings(
                kind,
                hosts,
                root,
                config,
                minHealthy,
                healthUrl,
                healthTimeoutSeconds,
                keepReleases,
                trustOnFirstUse,
                all,
                autoRollback,
                docker);
    }
}
