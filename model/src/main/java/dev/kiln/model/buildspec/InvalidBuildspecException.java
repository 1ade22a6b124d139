package dev.kiln.model.buildspec;

import dev.kiln.model.ModelException;
import dev.kiln.model.lint.LintReport;

/** A buildspec has errors; the message lists every problem, one per line. */
public final class InvalidBuildspecException extends ModelException {
    private static final long serialVersionUID = 1L;
    private final transient LintReport report;

    /** An exception for a report that has errors. */
    public InvalidBuildspecException(LintReport report) {
        super("invalid buildspec:\n" + report.format().stripTrailing());
        this.report = report;
    }

    /** Every problem found. */
    public LintReport report() {
        return report;
    }
}
