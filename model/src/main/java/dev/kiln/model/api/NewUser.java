package dev.kiln.model.api;

/**
 * A user as an admin adds them.
 *
 * @param name their name
 * @param password their password (at least 8 characters)
 * @param role what they may do
 */
public record NewUser(String name, String password, Role role) {

    @Override
    public String toString() {
        return "NewUser[" + name + ", " + role + "]";
    }
}
