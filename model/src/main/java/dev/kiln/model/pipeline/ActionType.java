package dev.kiln.model.pipeline;

import java.util.Locale;

/** What an action does, and who runs it. */
public enum ActionType {
    /** A buildspec on a build agent; its outputs are artifacts. */
    BUILD,
    /** A buildspec on a build agent, for tests; the same as a build to the agent. */
    TEST,
    /** An artifact shipped to an environment by a deploy agent. */
    DEPLOY,
    /** A person approves or rejects the run. */
    APPROVAL;

    /** The name as the pipeline file writes it. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
