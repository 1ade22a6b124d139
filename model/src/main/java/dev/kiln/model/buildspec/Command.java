package dev.kiln.model.buildspec;

/**
 * One item of a phase's {@code commands} or {@code finally} list: shell text, possibly several lines.
 *
 * @param text the shell text as written
 * @param line the 1-based line it starts on in the buildspec
 */
public record Command(String text, int line) {

    /** The text as CodeBuild's log shows it after {@code Running command}. */
    public String display() {
        return text.strip();
    }
}
