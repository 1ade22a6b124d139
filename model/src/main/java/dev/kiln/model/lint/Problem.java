package dev.kiln.model.lint;

import java.util.Objects;

/**
 * One problem in a user's file. Lines and columns are 1-based; a problem that concerns the whole file uses line 1,
 * column 1. The key is the dotted path of the offending entry ({@code phases.build.on-failure}), empty for the
 * document itself.
 *
 * @param file the file name as the user gave it
 * @param line 1-based line
 * @param column 1-based column
 * @param severity error or warning
 * @param key dotted key path, possibly empty
 * @param message what is wrong and, where possible, what to do
 */
public record Problem(String file, int line, int column, Severity severity, String key, String message) {

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    /** The compiler-style line: {@code FILE:LINE:COLUMN: error: key: message}. */
    public String format() {
        String where = key.isEmpty() ? "" : key + ": ";
        return file + ":" + line + ":" + column + ": " + severity.label() + ": " + where + message;
    }
}
