package dev.kiln.model.api;

/** CodeDeploy's statuses of a deployment. */
public enum DeploymentStatus implements WireName {
    /** Made, not yet handed to an agent. */
    CREATED("Created"),
    /** Waiting for a deploy agent. */
    QUEUED("Queued"),
    /** Being deployed. */
    IN_PROGRESS("InProgress"),
    /** Live everywhere it was meant to be. */
    SUCCEEDED("Succeeded"),
    /** It failed; the error code says how. */
    FAILED("Failed"),
    /** Stopped by a person. */
    STOPPED("Stopped");

    private final String wireName;

    DeploymentStatus(String wireName) {
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
    public static DeploymentStatus of(String wireName) {
        return WireName.of(DeploymentStatus.class, wireName);
    }

    /** Whether it ended. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == STOPPED;
    }
}
