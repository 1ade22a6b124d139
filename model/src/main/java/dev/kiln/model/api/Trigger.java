package dev.kiln.model.api;

/** What started a run. */
public enum Trigger implements WireName {
    /** A push webhook from a forge. */
    WEBHOOK("webhook"),
    /** Polling found a new commit. */
    POLL("poll"),
    /** A person (kiln runs start, the UI). */
    MANUAL("manual");

    private final String wireName;

    Trigger(String wireName) {
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
    public static Trigger of(String wireName) {
        return WireName.of(Trigger.class, wireName);
    }
}
