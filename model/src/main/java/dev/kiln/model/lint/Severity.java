package dev.kiln.model.lint;

/** How bad a problem is: an error stops the file from running, a warning does not. */
public enum Severity {
    ERROR,
    WARNING;

    /** The lower-case word printed in reports ({@code error}, {@code warning}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
