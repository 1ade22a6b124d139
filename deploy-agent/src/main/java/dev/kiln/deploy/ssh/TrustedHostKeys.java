package dev.kiln.deploy.ssh;

import dev.kiln.model.deploy.KnownHostKey;
import dev.kiln.model.deploy.SshHost;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import org.jspecify.annotations.Nullable;

/**
 * Verifies one host's key against the keys its environment trusts. A host with no known key is rejected unless the
 * environment trusts on first use; then the key is accepted and kept as {@link #learned()}, to be recorded.
 */
final class TrustedHostKeys implements HostKeyVerifier {
    private final SshHost host;
    private final List<KnownHostKey> known;
    private final boolean trustOnFirstUse;
    private volatile @Nullable String rejection;
    private volatile @Nullable KnownHostKey learned;

    TrustedHostKeys(SshHost host, List<KnownHostKey> known, boolean trustOnFirstUse) {
        this.host = host;
        this.known = known.stream()
                .filter(k -> k.host().equals(host.knownHostsName()))
                .toList();
        this.trustOnFirstUse = trustOnFirstUse;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        String seen = Fingerprints.of(key);
        if (known.stream().anyMatch(k -> k.fingerprint().equals(seen))) {
            return true;
        }
        if (!known.isEmpty()) {
            rejection = "the host key of " + host.knownHostsName() + " has CHANGED: it is now " + seen
                    + " but the environment trusts " + known.get(0).fingerprint()
                    + ". If the host was reinstalled, check the new key out of band and replace it in the"
                    + " environment; otherwise someone may be intercepting the connection";
            return false;
        }
        if (trustOnFirstUse) {
            learned = new KnownHostKey(host.knownHostsName(), seen);
            return true;
        }
        rejection = "unknown host key for " + host.knownHostsName() + ": " + seen + " (" + key.getAlgorithm()
                + "). Check it on the host with 'ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub', then add it to the"
                + " environment (--known-hosts FILE) or re-add the environment with --trust-on-first-use";
        return false;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        return List.of();
    }

    /** Why the key was rejected, if it was. */
    Optional<String> rejection() {
        return Optional.ofNullable(rejection);
    }

    /** The key trusted on first use, if one was. */
    Optional<KnownHostKey> learned() {
        return Optional.ofNullable(learned);
    }
}
