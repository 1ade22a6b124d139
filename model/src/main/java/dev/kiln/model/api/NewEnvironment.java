package dev.kiln.model.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An environment as a user adds it (the API's request body). Fields left out take their defaults.
 *
 * @param name its name, as deploy actions write it
 * @param ssh the hosts, {@code user@host[:port]}
 * @param privateKey the private key Kiln logs in with
 * @param knownHosts known_hosts text with the hosts' keys, or empty
 * @param trustOnFirstUse trust unknown host keys and record them
 * @param config {@code OneAtATime} (default), {@code HalfAtATime} or {@code AllAtOnce}
 * @param minHealthy a custom minimum of healthy hosts, {@code N} or {@code N%}
 * @param healthUrl a URL that must answer 2xx from each host after ValidateService
 * @param healthTimeoutSeconds how long the health URL may take (default 60)
 * @param root the folder on each host that holds releases (default {@code ~/kiln/NAME})
 * @param keepReleases how many releases each host keeps (default 5)
 * @param autoRollback whether failed deployments roll back (default yes)
 * @param docker for a container environment, the engine's address ({@code unix://...}, {@code tcp://...})
 * @param container which entry of {@code imagedefinitions.json} the environment runs (when it lists several)
 * @param ports ports its container publishes, as {@code docker run -p} takes them
 * @param env environment variables of its container (sealed at rest, never shown)
 * @param volumes volumes and bind mounts of its container, {@code SOURCE:/TARGET[:ro]}
 * @param network the network its container joins
 * @param labels labels of the user's own on its container
 */
public record NewEnvironment(
        String name,
        @Nullable List<String> ssh,
        @Nullable String privateKey,
        @Nullable String knownHosts,
        @Nullable Boolean trustOnFirstUse,
        @Nullable String config,
        @Nullable String minHealthy,
        @Nullable String healthUrl,
        @Nullable Integer healthTimeoutSeconds,
        @Nullable String root,
        @Nullable Integer keepReleases,
        @Nullable Boolean autoRollback,
        @Nullable String docker,
        @Nullable String container,
        @Nullable List<String> ports,
        @Nullable Map<String, String> env,
        @Nullable List<String> volumes,
        @Nullable String network,
        @Nullable Map<String, String> labels) {

    /** An SSH environment. */
    public static NewEnvironment ssh(
            String name,
            List<String> ssh,
            String privateKey,
            @Nullable String knownHosts,
            @Nullable Boolean trustOnFirstUse,
            @Nullable String config,
            @Nullable String minHealthy) {
        return new NewEnvironment(
                name,
                ssh,
                privateKey,
                knownHosts,
                trustOnFirstUse,
                config,
                minHealthy,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Override
    public String toString() {
        return "NewEnvironment[" + name + " " + (docker == null ? ssh : docker) + "]";
    }
}
