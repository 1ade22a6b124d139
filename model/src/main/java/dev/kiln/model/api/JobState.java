package dev.kiln.model.api;

/** Where a job (an action handed to an agent) stands. */
public enum JobState implements WireName {
    /** Waiting for an agent. */
    QUEUED("Queued"),
    /** Given to an agent, not yet started. */
    LEASED("Leased"),
    /** The agent runs it. */
    RUNNING("Running"),
    /** It ended well. */
    SUCCEEDED("Succeeded"),
    /** It ended badly (a failed command, or trouble of our own). */
    FAILED("Failed"),
    /** Its run no longer needs it. */
    ABANDONED("Abandoned");

    private final String wireName;

    JobState(String wireName) {
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
    public static JobState of(String wireName) {
        return WireName.of(JobState.class, wireName);
    }

    /** Whether it ended. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == ABANDONED;
    }
}
