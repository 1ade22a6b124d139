package dev.kiln.cli;

import dev.kiln.model.api.ContainerSettings;
import dev.kiln.model.api.Deployment;
import dev.kiln.model.api.Environment;
import dev.kiln.model.api.EnvironmentSettings;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Environments and deployments as lines of text. */
final class EnvironmentText {
    private EnvironmentText() {}

    static String line(Environment env) {
        EnvironmentSettings s = env.settings();
        ContainerSettings docker = s.docker();
        @Nullable String minHealthy = s.minHealthy();
        String where = docker != null
                ? "container" + (docker.container().isEmpty() ? "" : " " + docker.container()) + " on "
                        + docker.engine()
                : s.hosts().size() + " host(s) " + String.join(",", s.hosts()) + "  "
                        + (minHealthy == null || minHealthy.isEmpty() ? s.config() : "min-healthy " + minHealthy);
        Deployment current = env.current();
        return env.name() + "  " + where + "  live: "
                + (current == null ? "nothing yet" : current.id() + " " + shortCommit(current));
    }

    static List<String> show(Environment env) {
        List<String> out = new ArrayList<>();
        EnvironmentSettings s = env.settings();
        out.add(line(env));
        ContainerSettings docker = s.docker();
        if (docker != null) {
            out.add("  ports " + list(docker.ports()) + ", variables " + list(docker.envNames()) + ", volumes "
                    + list(docker.volumes()) + ", network "
                    + (docker.network().isEmpty() ? "(default)" : docker.network()));
        }
        out.add((docker != null
                        ? "  one container"
                        : "  root " + s.root() + ", keeps " + s.keepReleases() + " releases")
                + (s.healthUrl().isEmpty()
                        ? ""
                        : ", health " + s.healthUrl() + " within " + s.healthTimeoutSeconds() + " s")
                + (s.autoRollback() ? ", automatic rollback" : ", no automatic rollback"));
        s.knownHostKeys().forEach(k -> out.add("  host key " + k.host() + " " + k.fingerprint()));
        if (s.trustOnFirstUse()) {
            out.add("  unknown host keys are trusted on first use");
        }
        out.add("deployments:");
        env.deployments().forEach(d -> out.add("  " + deployment(d)));
        return out;
    }

    static String deployment(Deployment d) {
        return d.id() + "  " + d.status().wireName() + "  " + d.environment() + "  " + shortCommit(d) + "  "
                + d.creator().wireName()
                + (empty(d.rollbackOf()) ? "" : " (rolls back " + d.rollbackOf() + ")")
                + (empty(d.rolledBackBy()) ? "" : " (rolled back by " + d.rolledBackBy() + ")")
                + "  " + d.createdAt()
                + (empty(d.message()) ? "" : "  " + d.message());
    }

    private static boolean empty(String text) {
        return text == null || text.isEmpty();
    }

    private static String list(List<String> items) {
        return items.isEmpty() ? "none" : String.join(" ", items);
    }

    private static String shortCommit(Deployment d) {
        String commit = d.commit() == null ? "" : d.commit();
        return commit.length() > 8 ? commit.substring(0, 8) : commit.isEmpty() ? "-" : commit;
    }
}
