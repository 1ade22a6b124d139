package dev.kiln.orchestrator.access;

import java.util.Locale;

/** What a user or token may do; each role may do all that the ones before it may. */
public enum Role {
    /** Reads everything but secrets. */
    VIEWER,
    /** Also starts, stops and retries runs, decides approvals, stops and rolls back deployments. */
    OPERATOR,
    /** Also manages repositories, environments, users and agents. */
    ADMIN;

    /** Whether this role may do what {@code needed} may. */
    public boolean covers(Role needed) {
        return compareTo(needed) >= 0;
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
        throw new InvalidUserException("role '" + name + "' is not one of viewer, operator, admin");
    }
}
