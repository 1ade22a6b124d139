package dev.kiln.orchestrator.access;

import dev.kiln.model.api.Role;
import java.util.regex.Pattern;

/**
 * The role each API call needs: reading needs a viewer, running things an operator, the agents' own calls an agent
 * token (or an admin's), everything else (repositories, environments, users, agent tokens) an admin. Calls that need
 * no token at all are routed before the token check and never reach this.
 */
public final class Permissions {
    private static final Pattern OPERATOR_POSTS = Pattern.compile("/api/v1/(runs"
            + "|runs/[^/]+/(stop|retry|approval)"
            + "|deployments/[^/]+/stop"
            + "|environments/[^/]+/rollback)/?");

    private static final Pattern AGENT_CALLS = Pattern.compile("(PUT /api/v1/agents/[^/]+"
            + "|POST /api/v1/agents/[^/]+/(lease|heartbeat|goodbye)"
            + "|POST /api/v1/jobs/[^/]+/(started|log|result|handback|objects|deployment|deployments/[^/]+)"
            + "|GET /api/v1/jobs/[^/]+/objects)/?");

    private Permissions() {}

    /** The role a call needs. */
    public static Role needed(String method, String path) {
        if (AGENT_CALLS.matcher(method + " " + path).matches()) {
            return Role.AGENT;
        }
        if (method.equals("GET") || method.equals("HEAD")) {
            return path.startsWith("/api/v1/users") || path.startsWith("/api/v1/agent-tokens")
                    ? Role.ADMIN
                    : Role.VIEWER;
        }
        if (method.equals("DELETE") && path.equals("/api/v1/sessions")) {
            return Role.VIEWER;
        }
        if (method.equals("POST") && OPERATOR_POSTS.matcher(path).matches()) {
            return Role.OPERATOR;
        }
        return Role.ADMIN;
    }
}
