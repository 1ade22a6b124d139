package dev.kiln.agent.shell;

/** How a command sees the build's shell state. */
public enum ShellMode {
    /** Buildspec 0.2: variables and working directory carry over from the previous command. */
    STATE("state"),
    /** Buildspec 0.1: a fresh shell in the source directory with the build's initial variables. */
    FRESH("fresh"),
    /** Only write the command file; an exec with another user runs it (run-as). */
    WRITE("write");

    private final String wire;

    ShellMode(String wire) {
        this.wire = wire;
    }

    /** The word the driver reads. */
    public String wire() {
        return wire;
    }
}
