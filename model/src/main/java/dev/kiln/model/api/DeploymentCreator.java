package dev.kiln.model.api;

/** Who made a deployment. */
public enum DeploymentCreator implements WireName {
    /** A deploy action of a run. */
    PIPELINE("pipeline"),
    /** An automatic rollback after a failure. */
    ROLLBACK("rollback"),
    /** A person (kiln environments rollback, the UI). */
    USER("user");

    private final String wireName;

    DeploymentCreator(String wireName) {
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
    public static DeploymentCreator of(String wireName) {
        return WireName.of(DeploymentCreator.class, wireName);
    }
}
