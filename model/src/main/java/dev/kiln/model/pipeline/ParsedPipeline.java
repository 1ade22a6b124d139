package dev.kiln.model.pipeline;

import dev.kiln.model.lint.LintReport;
import java.util.Optional;

/**
 * A parsed pipeline file: the plan when it has no error, and every problem found.
 *
 * @param pipeline the plan, empty when there is an error
 * @param report every problem, errors and warnings, in file order
 */
public record ParsedPipeline(Optional<Pipeline> pipeline, LintReport report) {}
