package dev.kiln.model.api;

/**
 * What a private repository is read with over HTTPS, as an admin gives it once; kept sealed, never answered.
 *
 * @param username the user name the forge expects with the token
 * @param token the token or password
 */
public record RepositoryCredentials(String username, String token) {
    @Override
    public String toString() {
        return "RepositoryCredentials[" + username + ", ***]";
    }
}
