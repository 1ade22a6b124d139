package dev.kiln.orchestrator.access;

import java.util.Locale;

/**
 * What a user or token may do. Viewer, operator and admin each may do all that the ones before them may; an agent
 * token may only make the agents' own calls (hello, lease, heartbeat, a job's log and result), which an admin may
 * make too.
 */
public enum Role {
    /** Reads everything but secrets. */
    VIEWER,
    /** Also starts, stops and retries runs, decides approvals, stops and rolls back deployments. */
    OPERATOR,
    /** Also manages repositories, environments, users and agents. */
    ADMIN,
    /** An agent's token: the agents' own calls and nothing else. */
    AGENT;

    /** Whether this role may do what {@code needed} may. */
    public boolean covers(Role needed) {
        if (this == AGENT || needed == AGENT) {
            return this == needed || this == ADMIN;
        }
        return compareTo(needed) >= 0;
    }

    /** Its name with its article, for messages: {@code a viewer}, {@code an operator}. */
    public String withArticle() {
        return (this == VIEWER ? "a " : "an ") + wireName();
    }

    /** Its name as the API and the database say it: {@code viewer}, {@code operator}, {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role with that name, in any case.
     *
     * @throws InvalidUserException naming the roles there are
     */
    public static Role of(String name) {
        for (Role role : values()) {
            if (role.wireName().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return role;
            }
        }
        throw new InvalidUserException("role '" + name + "' is not one of viewer, operator, admin, agent");
    }
}
