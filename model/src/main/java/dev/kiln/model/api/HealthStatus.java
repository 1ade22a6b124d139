package dev.kiln.model.api;

/** Whether the orchestrator serves. */
public enum HealthStatus implements WireName {
    /** It leads and serves. */
    OK("ok"),
    /** Starting, or on standby behind another. */
    STARTING("starting"),
    /** It leads, but its database did not answer a trivial query within two seconds: most calls would hang. */
    DATABASE_UNAVAILABLE("database-unavailable");

    private final String wireName;

    HealthStatus(String wireName) {
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
    public static HealthStatus of(String wireName) {
        return WireName.of(HealthStatus.class, wireName);
    }
}
