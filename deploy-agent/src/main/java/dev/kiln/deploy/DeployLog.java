package dev.kiln.deploy;

/** Where a deployment writes its log, a line at a time. Implementations are thread-safe: hosts log at once. */
@FunctionalInterface
public interface DeployLog {
    /** Writes one line (no line break). */
    void line(String text);

    /** A log that writes each line with a prefix, such as the host it is about. */
    default DeployLog prefixed(String prefix) {
        return text -> line(prefix + text);
    }
}
