package dev.kiln.model.deploy;

import java.util.List;

/**
 * Where and how an SSH environment is deployed to. Holds the private key: never log or print it.
 *
 * @param hosts the hosts, in the order they are deployed
 * @param privateKey the private key in OpenSSH or PEM form
 * @param knownHostKeys the host keys trusted
 * @param trustOnFirstUse whether a host with no known key is trusted (and its key reported to be recorded)
 * @param root the folder on each host that holds the releases ({@code ~/} means the login user's home)
 * @param healthUrl a URL that must answer 2xx from the host after ValidateService, or empty
 * @param healthTimeoutSeconds how long the health URL may take to answer 2xx
 * @param keepReleases how many releases each host keeps
 */
public record SshTarget(
        List<SshHost> hosts,
        String privateKey,
        List<KnownHostKey> knownHostKeys,
        boolean trustOnFirstUse,
        String root,
        String healthUrl,
        int healthTimeoutSeconds,
        int keepReleases) {

    public SshTarget {
        hosts = List.copyOf(hosts);
        knownHostKeys = List.copyOf(knownHostKeys);
        healthUrl = healthUrl == null ? "" : healthUrl;
    }

    @Override
    public String toString() {
        return "SshTarget" + hosts + " root " + root;
    }
}
