package dev.kiln.model.api;

/** What an agent runs. */
public enum AgentKind implements WireName {
    /** Buildspecs in containers. */
    BUILD("build"),
    /** Deployments over SSH or to a container engine. */
    DEPLOY("deploy");

    private final String wireName;

    AgentKind(String wireName) {
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
    public static AgentKind of(String wireName) {
        return WireName.of(AgentKind.class, wireName);
    }
}
