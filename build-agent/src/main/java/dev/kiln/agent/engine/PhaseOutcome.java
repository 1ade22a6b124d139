package dev.kiln.agent.engine;

import dev.kiln.model.build.PhaseContext;
import dev.kiln.model.build.StatusType;

/**
 * How a phase (or one command) ended.
 *
 * @param status SUCCEEDED, FAILED, FAULT, TIMED_OUT or STOPPED
 * @param context why
 * @param output the last lines of the failing command's output, for RETRY patterns
 */
record PhaseOutcome(StatusType status, PhaseContext context, String output) {
    static final PhaseOutcome SUCCEEDED = new PhaseOutcome(StatusType.SUCCEEDED, PhaseContext.NONE, "");

    static PhaseOutcome of(StatusType status, String code, String message) {
        return new PhaseOutcome(status, new PhaseContext(code, message), "");
    }

    boolean succeeded() {
        return status == StatusType.SUCCEEDED;
    }

    /** Whether the environment is gone or the build was ended from outside: nothing more can run. */
    boolean isTerminal() {
        return status == StatusType.FAULT || status == StatusType.TIMED_OUT || status == StatusType.STOPPED;
    }
}
