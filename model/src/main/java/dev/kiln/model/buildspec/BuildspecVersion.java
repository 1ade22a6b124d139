package dev.kiln.model.buildspec;

/** Buildspec syntax versions. */
public enum BuildspecVersion {
    /** Each command runs in a fresh shell: {@code cd} and {@code export} do not carry over. */
    V0_1("0.1"),
    /** All commands of the build share one shell's state, across phases. */
    V0_2("0.2");

    private final String text;

    BuildspecVersion(String text) {
        this.text = text;
    }

    /** The version as written in the file. */
    public String text() {
        return text;
    }
}
