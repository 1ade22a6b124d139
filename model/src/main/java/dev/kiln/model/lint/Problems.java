package dev.kiln.model.lint;

import java.util.ArrayList;
import java.util.List;

/** A collector of problems for one file, used while a linter walks it. Not thread-safe. */
public final class Problems {
    private final String file;
    private final List<Problem> found = new ArrayList<>();

    /** A collector for the named file. */
    public Problems(String file) {
        this.file = file;
    }

    /** The file these problems are about. */
    public String file() {
        return file;
    }

    /** Records an error at a position. */
    public void error(int line, int column, String key, String message) {
        found.add(new Problem(file, line, column, Severity.ERROR, key, message));
    }

    /** Records a warning at a position. */
    public void warning(int line, int column, String key, String message) {
        found.add(new Problem(file, line, column, Severity.WARNING, key, message));
    }

    /** How many errors have been recorded so far. */
    public int errorCount() {
        return (int) found.stream().filter(p -> p.severity() == Severity.ERROR).count();
    }

    /** Whether an error has been recorded so far. */
    public boolean hasErrors() {
        return found.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    }

    /** The report of everything recorded. */
    public LintReport report() {
        return new LintReport(found);
    }
}
