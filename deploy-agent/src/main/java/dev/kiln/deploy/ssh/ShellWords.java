package dev.kiln.deploy.ssh;

/** Quoting for POSIX {@code sh}. */
public final class ShellWords {
    private ShellWords() {}

    /** The text as one single-quoted shell word. */
    public static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
