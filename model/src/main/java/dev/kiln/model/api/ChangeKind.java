package dev.kiln.model.api;

/** What a change is about. */
public enum ChangeKind implements WireName {
    /** A run, or one of its stages or actions. */
    RUN("run"),
    /** A deployment. */
    DEPLOYMENT("deployment"),
    /** Said by a client to its own followers after its stream broke and came back. */
    RECONNECTED("reconnected");

    private final String wireName;

    ChangeKind(String wireName) {
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
    public static ChangeKind of(String wireName) {
        return WireName.of(ChangeKind.class, wireName);
    }
}
