package dev.kiln.model.build;

/**
 * How a phase or a build ends ({@code StatusType}). {@link #FAILED} is the user's failure (a command exited
 * non-zero, no artifact matched); {@link #FAULT} is Kiln's or the infrastructure's (engine unreachable, image
 * missing, out of memory).
 */
public enum StatusType {
    SUCCEEDED,
    FAILED,
    FAULT,
    TIMED_OUT,
    IN_PROGRESS,
    STOPPED;

    /** The process exit status {@code kiln build} uses for a build that ended in this status. */
    public int exitCode() {
        return switch (this) {
            case SUCCEEDED -> 0;
            case FAILED -> 1;
            case FAULT -> 3;
            case TIMED_OUT -> 4;
            case STOPPED -> 5;
            case IN_PROGRESS -> 3;
        };
    }

    /**
     * Which status a build ends in when its phases end in several: the one with the highest precedence (a stop over
     * a timeout over a fault over a failure).
     */
    public int precedence() {
        return switch (this) {
            case SUCCEEDED, IN_PROGRESS -> 0;
            case FAILED -> 1;
            case FAULT -> 2;
            case TIMED_OUT -> 3;
            case STOPPED -> 4;
        };
    }
}
