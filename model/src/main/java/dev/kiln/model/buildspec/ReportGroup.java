package dev.kiln.model.buildspec;

import java.util.List;
import java.util.Optional;

/**
 * One {@code reports} entry.
 *
 * @param name the report group's name (or ARN) as written
 * @param files globs of report files
 * @param baseDirectory where globs start
 * @param discardPaths whether to flatten paths
 * @param fileFormat the files' format; {@code JUNITXML} when not given
 */
public record ReportGroup(
        String name,
        List<String> files,
        Optional<String> baseDirectory,
        boolean discardPaths,
        ReportFileFormat fileFormat) {
    public ReportGroup {
        files = List.copyOf(files);
    }
}
