package dev.kiln.model.appspec;

import java.util.Optional;

/**
 * One script of a lifecycle event.
 *
 * @param location the script, relative to the revision's root
 * @param timeoutSeconds how long it may run (CodeDeploy's default is 3600)
 * @param runas the user it runs as, or empty for the user Kiln logs in as
 */
public record Hook(String location, int timeoutSeconds, Optional<String> runas) {
    /** CodeDeploy's default and the most all of an event's scripts may take together. */
    public static final int MAX_SECONDS = 3600;

    /** The location without a leading slash. */
    public String path() {
        return location.startsWith("/") ? location.substring(1) : location;
    }
}
