package dev.kiln.model.build;

/**
 * Why a phase ended as it did ({@code PhaseContext}); both fields are empty for a phase that succeeded.
 *
 * @param statusCode for example {@code COMMAND_EXECUTION_ERROR} or {@code CLIENT_ERROR}
 * @param message what happened
 */
public record PhaseContext(String statusCode, String message) {
    /** The context of a phase that succeeded. */
    public static final PhaseContext NONE = new PhaseContext("", "");
}
