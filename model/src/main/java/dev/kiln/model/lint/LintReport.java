package dev.kiln.model.lint;

import java.util.Comparator;
import java.util.List;

/**
 * Every problem a linter found in one file, sorted by position. Immutable.
 *
 * @param problems the problems, in line and column order
 */
public record LintReport(List<Problem> problems) {

    public LintReport {
        problems = problems.stream()
                .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                .toList();
    }

    /** Whether any problem is an error, so the file must not run. */
    public boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    }

    /** Only the errors. */
    public List<Problem> errors() {
        return problems.stream().filter(p -> p.severity() == Severity.ERROR).toList();
    }

    /** All problems, one formatted line each. */
    public String format() {
        StringBuilder out = new StringBuilder();
        for (Problem p : problems) {
            out.append(p.format()).append('\n');
        }
        return out.toString();
    }
}
