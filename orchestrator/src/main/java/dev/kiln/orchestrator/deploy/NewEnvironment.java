package dev.kiln.orchestrator.deploy;

import java.util.List;

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
 */
public record NewEnvironment(
        String name,
        List<String> ssh,
        String privateKey,
        String knownHosts,
        Boolean trustOnFirstUse,
        String config,
        String minHealthy,
        String healthUrl,
        Integer healthTimeoutSeconds,
        String root,
        Integer keepReleases,
        Boolean autoRollback) {

    @Override
    public String toString() {
        return "NewEnvironment[" + name + " " + ssh + "]";
    }
}
