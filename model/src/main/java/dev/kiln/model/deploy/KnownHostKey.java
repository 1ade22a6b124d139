package dev.kiln.model.deploy;

/**
 * A host key Kiln trusts for a host.
 *
 * @param host the host as known_hosts names it ({@code host} or {@code [host]:port})
 * @param fingerprint the key's SHA-256 fingerprint, {@code SHA256:...} as {@code ssh-keygen -l} prints it
 */
public record KnownHostKey(String host, String fingerprint) {}
