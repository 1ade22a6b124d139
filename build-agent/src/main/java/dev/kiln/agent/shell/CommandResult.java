package dev.kiln.agent.shell;

/**
 * How one command ended.
 *
 * @param exitCode the command's exit status
 * @param outOfMemory whether the kernel's out-of-memory killer acted in the environment while it ran
 */
public record CommandResult(int exitCode, boolean outOfMemory) {

    /** Whether the command exited zero. */
    public boolean succeeded() {
        return exitCode == 0;
    }
}
