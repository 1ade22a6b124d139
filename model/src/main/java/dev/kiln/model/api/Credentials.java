package dev.kiln.model.api;

/**
 * A login's name and password.
 *
 * @param name the user's name
 * @param password their password
 */
public record Credentials(String name, String password) {

    @Override
    public String toString() {
        return "Credentials[" + name + "]";
    }
}
