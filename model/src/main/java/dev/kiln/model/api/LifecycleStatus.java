package dev.kiln.model.api;

/** CodeDeploy's statuses of one host's (or container's) deployment and of its lifecycle events. */
public enum LifecycleStatus implements WireName {
    /** Not started. */
    PENDING("Pending"),
    /** Running. */
    IN_PROGRESS("InProgress"),
    /** Done and good. */
    SUCCEEDED("Succeeded"),
    /** It failed. */
    FAILED("Failed"),
    /** Not run (an earlier failure, or nothing to run). */
    SKIPPED("Skipped");

    private final String wireName;

    LifecycleStatus(String wireName) {
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
     * The constant with that wire name.
     *
     * @throws UnknownNameException naming the ones there are
     */
    public static LifecycleStatus of(String wireName) {
        return WireName.of(LifecycleStatus.class, wireName);
    }
}
