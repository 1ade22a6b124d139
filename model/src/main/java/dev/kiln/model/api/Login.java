package dev.kiln.model.api;

/**
 * A login's answer: a token for the user.
 *
 * @param token the bearer token
 * @param name the user's name
 * @param role what they may do
 * @param expiresInSeconds how long the token lasts
 */
public record Login(String token, String name, Role role, long expiresInSeconds) {

    @Override
    public String toString() {
        return "Login[" + name + ", " + role + "]";
    }
}
