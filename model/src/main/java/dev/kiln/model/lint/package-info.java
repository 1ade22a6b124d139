/**
 * Problems found in files users write: each with file, line, column, severity and a message that names the key.
 * Linters collect every problem at once into a {@link dev.kiln.model.lint.LintReport} rather than stopping at the
 * first; {@link dev.kiln.model.lint.LintReport#hasErrors()} decides whether the file may run.
 */
package dev.kiln.model.lint;
