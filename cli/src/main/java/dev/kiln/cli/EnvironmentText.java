package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Environments and deployments as lines of text. */
final class EnvironmentText {
    private EnvironmentText() {}

    static String line(JsonNode env) {
        JsonNode s = env.path("settings");
        List<String> hosts = new ArrayList<>();
        s.path("hosts").forEach(h -> hosts.add(h.asText()));
        JsonNode current = env.path("current");
        JsonNode docker = s.path("docker");
        String where = docker.isObject()
                ? "container"
                        + (docker.path("container").asText().isEmpty()
                                ? ""
                                : " " + docker.path("container").asText())
                        + " on " + docker.path("engine").asText()
                : hosts.size() + " host(s) " + String.join(",", hosts) + "  "
                        + (s.path("minHealthy").asText().isEmpty()
                                ? s.path("config").asText()
                                : "min-healthy " + s.path("minHealthy").asText());
        return env.path("name").asText() + "  " + where
                + "  live: "
                + (current.isMissingNode() || current.isNull()
                        ? "nothing yet"
                        : current.path("id").asText() + " " + shortCommit(current));
    }

    static List<String> show(JsonNode env) {
        List<String> out = new ArrayList<>();
        JsonNode s = env.path("settings");
        out.add(line(env));
        JsonNode docker = s.path("docker");
        if (docker.isObject()) {
            out.add("  ports " + list(docker.path("ports")) + ", variables " + list(docker.path("envNames"))
                    + ", volumes " + list(docker.path("volumes")) + ", network "
                    + (docker.path("network").asText().isEmpty()
                            ? "(default)"
                            : docker.path("network").asText()));
        }
        out.add((docker.isObject()
                        ? "  one container"
                        : "  root " + s.path("root").asText() + ", keeps "
                                + s.path("keepReleases").asInt() + " releases")
                + (s.path("healthUrl").asText().isEmpty()
                        ? ""
                        : ", health " + s.path("healthUrl").asText() + " within "
                                + s.path("healthTimeoutSeconds").asInt() + " s")
                + (s.path("autoRollback").asBoolean() ? ", automatic rollback" : ", no automatic rollback"));
        s.path("knownHostKeys")
                .forEach(k -> out.add("  host key " + k.path("host").asText() + " "
                        + k.path("fingerprint").asText()));
        if (s.path("trustOnFirstUse").asBoolean()) {
            out.add("  unknown host keys are trusted on first use");
        }
        out.add("deployments:");
        env.path("deployments").forEach(d -> out.add("  " + deployment(d)));
        return out;
    }

    static String deployment(JsonNode d) {
        return d.path("id").asText() + "  " + d.path("status").asText() + "  "
                + d.path("environment").asText() + "  "
                + shortCommit(d) + "  " + d.path("creator").asText()
                + (d.path("rollbackOf").asText().isEmpty()
                        ? ""
                        : " (rolls back " + d.path("rollbackOf").asText() + ")")
                + (d.path("rolledBackBy").asText().isEmpty()
                        ? ""
                        : " (rolled back by " + d.path("rolledBackBy").asText() + ")")
                + "  " + d.path("createdAt").asText()
                + (d.path("message").asText().isEmpty()
                        ? ""
                        : "  " + d.path("message").asText());
    }

    private static String list(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.asText()));
        return out.isEmpty() ? "none" : String.join(" ", out);
    }

    private static String shortCommit(JsonNode d) {
        String commit = d.path("commit").asText();
        return commit.length() > 8 ? commit.substring(0, 8) : commit.isEmpty() ? "-" : commit;
    }
}
