package dev.kiln.agent.backend;

/**
 * Whether a backend can run builds.
 *
 * @param available whether it can
 * @param description what it found (engine and version) or, when unavailable, every reason why not
 */
public record Availability(boolean available, String description) {

    /** Available, with what was found. */
    public static Availability yes(String description) {
        return new Availability(true, description);
    }

    /** Unavailable, with every reason. */
    public static Availability no(String reasons) {
        return new Availability(false, reasons);
    }
}
