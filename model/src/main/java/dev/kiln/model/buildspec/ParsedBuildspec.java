package dev.kiln.model.buildspec;

import dev.kiln.model.lint.LintReport;
import java.util.Optional;

/**
 * What parsing a buildspec gave: every problem, and the plan when there is no error.
 *
 * @param buildspec the plan, present only when the report has no error
 * @param report every problem found
 */
public record ParsedBuildspec(Optional<Buildspec> buildspec, LintReport report) {

    /** The plan, or an {@link InvalidBuildspecException} listing every problem. */
    public Buildspec orThrow() {
        return buildspec.orElseThrow(() -> new InvalidBuildspecException(report));
    }
}
