package dev.kiln.orchestrator.run;

/** CodePipeline's statuses of executions, stages and actions, in its own words on the wire. */
public enum Status {
    IN_PROGRESS("InProgress"),
    STOPPING("Stopping"),
    STOPPED("Stopped"),
    SUCCEEDED("Succeeded"),
    SUPERSEDED("Superseded"),
    FAILED("Failed"),
    ABANDONED("Abandoned");

    private final String wireName;

    Status(String wireName) {
        this.wireName = wireName;
    }

    /** {@code InProgress}, {@code Succeeded}, ...: the name the API and CLI show. */
    public String wireName() {
        return wireName;
    }

    /** Whether nothing more happens in this status (a retry aside). */
    public boolean isFinal() {
        return this == STOPPED || this == SUCCEEDED || this == SUPERSEDED || this == FAILED || this == ABANDONED;
    }
}
