package dev.kiln.model.appspec;

import dev.kiln.model.lint.LintReport;
import java.util.Optional;

/**
 * A parsed appspec: the plan when it has no error, and every problem found.
 *
 * @param appSpec the plan, empty when there is an error
 * @param report every problem, in file order
 */
public record ParsedAppSpec(Optional<AppSpec> appSpec, LintReport report) {}
