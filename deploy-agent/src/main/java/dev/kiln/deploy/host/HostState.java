package dev.kiln.deploy.host;

import dev.kiln.deploy.ssh.HostShell;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a host holds before a deployment: its releases (by id, with their bundle's sha256) and the release of the
 * last deployment that succeeded there.
 *
 * @param releases release id to sha256 (empty when unknown)
 * @param lastSuccessful the last successful release, if any
 */
record HostState(Map<String, String> releases, Optional<String> lastSuccessful) {

    static HostState read(HostShell shell, HostLayout layout) {
        String out = shell.capture(layout.script("""
                        mkdir -p "$R/releases" "$R/deployments"
                        if [ -f "$R/last_successful" ]; then echo "last $(cat "$R/last_successful")"; fi
                        for d in "$R"/releases/*; do
                          [ -d "$d" ] || continue; n=${d##*/}
                          case $n in *.part) continue ;; esac
                          echo "release $n $(cat "$R/deployments/$n/sha256" 2>/dev/null || true)"
                        done
                        """), Duration.ofSeconds(60));
        Map<String, String> releases = new LinkedHashMap<>();
        String last = null;
        for (String line : out.lines().toList()) {
            String[] f = line.strip().split(" ", -1);
            if (f[0].equals("last") && f.length > 1) {
                last = f[1];
            } else if (f[0].equals("release") && f.length > 1) {
                releases.put(f[1], f.length > 2 ? f[2] : "");
            }
        }
        if (last != null && !releases.containsKey(last)) {
            last = null;
        }
        return new HostState(releases, Optional.ofNullable(last));
    }

    /** A release on the host holding this bundle: {@code preferred} if it does, else any. */
    Optional<String> releaseOf(String sha256, String preferred) {
        if (!preferred.isEmpty() && sha256.equals(releases.get(preferred))) {
            return Optional.of(preferred);
        }
        return releases.entrySet().stream()
                .filter(e -> e.getValue().equals(sha256))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
