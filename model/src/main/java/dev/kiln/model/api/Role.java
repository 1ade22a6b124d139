package dev.kiln.model.api;

import org.jspecify.annotations.Nullable;

/** What a user or token may do. Viewer, operator and admin each may do all that the ones before them may; an agent token may only make the agents' own calls, which an admin may make too. */
public enum Role implements WireName {
    /** Reads everything but secrets. */
    VIEWER("viewer"),
    /** Also starts, stops and retries runs, decides approvals, stops and rolls back deployments. */
    OPERATOR("operator"),
    /** Also manages repositories, environments, users and agents. */
    ADMIN("admin"),
    /** A token of agents: their own calls and nothing else. */
    AGENT("agent");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The wire name, so that text and logs say what the API says. */
    @Override
    public String toString() {
        return wireName;
    }

    /**
     * The role with that name, in any case.
     *
     * @throws UnknownNameException naming the ones there are
     */
    public static Role of(@Nullable String wireName) {
        return WireName.of(Role.class, wireName == null ? "" : wireName.strip().toLowerCase(java.util.Locale.ROOT));
    }

    /** Whether this role may do what {@code needed} may. */
    public boolean covers(Role needed) {
        if (this == AGENT || needed == AGENT) {
            return this == needed || this == ADMIN;
        }
        return compareTo(needed) >= 0;
    }

    /** Its name with its article, for messages: {@code a viewer}, {@code an operator}. */
    public String withArticle() {
        return (this == VIEWER ? "a " : "an ") + wireName;
    }
}
