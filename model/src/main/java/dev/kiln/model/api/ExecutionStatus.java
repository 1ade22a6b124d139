package dev.kiln.model.api;

/** CodePipeline's statuses of a run (an execution), its stages and actions. */
public enum ExecutionStatus implements WireName {
    /** Running, or waiting (an approval, an agent). */
    IN_PROGRESS("InProgress"),
    /** Asked to stop; finishing what runs. */
    STOPPING("Stopping"),
    /** Stopped by a person. */
    STOPPED("Stopped"),
    /** Done and good. */
    SUCCEEDED("Succeeded"),
    /** Overtaken by a newer run of the same pipeline. */
    SUPERSEDED("Superseded"),
    /** An action failed (or was rejected). */
    FAILED("Failed"),
    /** Left behind: stopped without waiting for what ran. */
    ABANDONED("Abandoned");

    private final String wireName;

    ExecutionStatus(String wireName) {
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
    public static ExecutionStatus of(String wireName) {
        return WireName.of(ExecutionStatus.class, wireName);
    }

    /** Whether nothing more happens in this status (a retry aside). */
    public boolean isFinal() {
        return this != IN_PROGRESS && this != STOPPING;
    }
}
