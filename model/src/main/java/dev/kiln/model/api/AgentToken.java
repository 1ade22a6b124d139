package dev.kiln.model.api;

/**
 * A token made for agents.
 *
 * @param name its name
 * @param role always {@link Role#AGENT}
 * @param token the bearer token, shown once
 */
public record AgentToken(String name, Role role, String token) {

    @Override
    public String toString() {
        return "AgentToken[" + name + "]";
    }
}
