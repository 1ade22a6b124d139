package dev.kiln.agent.report;

import dev.kiln.model.build.CodeCoverage;
import dev.kiln.model.build.Report;
import dev.kiln.model.build.TestCase;
import dev.kiln.model.buildspec.ReportGroup;
import dev.kiln.model.glob.Glob;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jspecify.annotations.Nullable;

/** Builds one report from a tar of its group's base directory. Stateless. */
public final class ReportCollector {
    private static final List<String> STATUSES = List.of("SUCCEEDED", "FAILED", "ERROR", "SKIPPED", "UNKNOWN");

    private ReportCollector() {}

    /**
     * Parses every file of {@code group} in {@code tree} (a tar whose entries' first component is the base
     * directory's own name). Problems become warnings and an INCOMPLETE report; messages pass through {@code mask}.
     */
    public static Report collect(String project, ReportGroup group, InputStream tree, UnaryOperator<String> mask) {
        return collect(project, group, tree, "", mask);
    }

    /**
     * As {@link #collect(String, ReportGroup, InputStream, UnaryOperator)}, for a tar of {@code prefix}, a directory
     * inside the base directory that holds every file the group's globs can match.
     */
    public static Report collect(
            String project, ReportGroup group, InputStream tree, String prefix, UnaryOperator<String> mask) {
        List<Glob> globs = group.files().stream().map(Glob::compile).toList();
        List<TestCase> cases = new ArrayList<>();
        Map<String, CodeCoverage> coverages = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        @Nullable TestReportParser tests = ReportFormats.tests(group.fileFormat());
        @Nullable CoverageParser coverage = ReportFormats.coverage(group.fileFormat());
        int files = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(tree)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                String inTree = slash < 0 ? "" : name.substring(slash + 1);
                String path = prefix.isEmpty() || inTree.isEmpty() ? inTree : prefix + "/" + inTree;
                if (!entry.isFile() || path.isEmpty() || globs.stream().noneMatch(g -> g.matches(path))) {
                    continue;
                }
                files++;
                try {
                    if (coverage != null) {
                        for (CodeCoverage file : coverage.parse(new NonClosing(tar), path)) {
                            coverages.merge(file.filePath(), file, (x, y) -> x.plus(y, file.filePath()));
                        }
                    } else {
                        cases.addAll(Objects.requireNonNull(tests, "a report format that is neither tests nor coverage")
                                .parse(new NonClosing(tar), path));
                    }
                } catch (IOException | RuntimeException e) {
                    warnings.add(e.getMessage() == null ? path + ": " + e : e.getMessage());
                }
            }
        } catch (IOException | RuntimeException e) {
            warnings.add("cannot read the report files: " + e.getMessage());
        }
        if (files == 0) {
            warnings.add("no report files matched " + group.files());
        }
        if (coverage != null) {
            return coverageReport(project, group, new ArrayList<>(coverages.values()), warnings, mask);
        }
        return report(project, group, cases, warnings, mask);
    }

    private static Report coverageReport(
            String project,
            ReportGroup group,
            List<CodeCoverage> files,
            List<String> warnings,
            UnaryOperator<String> mask) {
        files.sort(Comparator.comparing(CodeCoverage::filePath));
        CodeCoverage summary = files.stream().reduce(new CodeCoverage("", 0, 0, 0, 0), (a, b) -> a.plus(b, ""));
        return new Report(
                project + "-" + group.name(),
                group.name(),
                group.fileFormat().name(),
                warnings.isEmpty() ? "SUCCEEDED" : "INCOMPLETE",
                files.size(),
                Map.of(),
                0,
                List.of(),
                warnings.stream().map(mask).toList(),
                "CODE_COVERAGE",
                summary,
                files);
    }

    /** The INCOMPLETE report of a group whose files could not be read at all. */
    public static Report unreadable(String project, ReportGroup group, String why, UnaryOperator<String> mask) {
        if (ReportFormats.coverage(group.fileFormat()) != null) {
            return coverageReport(project, group, new ArrayList<>(), List.of(why), mask);
        }
        return report(project, group, List.of(), List.of(why), mask);
    }

    private static Report report(
            String project,
            ReportGroup group,
            List<TestCase> found,
            List<String> warnings,
            UnaryOperator<String> mask) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        STATUSES.forEach(s -> counts.put(s, 0));
        long duration = 0;
        List<TestCase> cases = new ArrayList<>();
        for (TestCase c : found) {
            counts.merge(c.status(), 1, Integer::sum);
            duration += c.durationInNanoSeconds();
            cases.add(new TestCase(
                    c.prefix(),
                    c.name(),
                    c.status(),
                    c.durationInNanoSeconds(),
                    mask.apply(c.message()),
                    c.testRawDataPath()));
        }
        cases.sort(Comparator.comparingInt(c -> STATUSES.indexOf(c.status()) == 0 ? 1 : 0));
        String status;
        if (!warnings.isEmpty()) {
            status = "INCOMPLETE";
        } else {
            status = counts.getOrDefault("FAILED", 0) + counts.getOrDefault("ERROR", 0) > 0 ? "FAILED" : "SUCCEEDED";
        }
        return new Report(
                project + "-" + group.name(),
                group.name(),
                group.fileFormat().name(),
                status,
                cases.size(),
                counts,
                duration,
                cases,
                warnings.stream().map(mask).toList());
    }

    /** Lets a parser read one tar entry without closing the whole tar stream. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the tar stream stays open for the next entry
        }
    }
}
