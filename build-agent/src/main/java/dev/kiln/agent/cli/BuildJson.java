package dev.kiln.agent.cli;

import dev.kiln.model.build.Build;
import dev.kiln.model.build.BuildPhase;
import dev.kiln.model.build.CodeCoverage;
import dev.kiln.model.build.PhaseContext;
import dev.kiln.model.build.Report;
import dev.kiln.model.build.TestCase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The Build object in the shape {@code BatchGetBuilds} returns: timestamps as epoch seconds with a millisecond
 * fraction, absent fields left out.
 */
final class BuildJson {
    private BuildJson() {}

    static Map<String, Object> of(Build build) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", build.id());
        out.put("arn", build.arn());
        out.put("buildNumber", build.buildNumber());
        out.put("startTime", seconds(build.startTime()));
        putIfPresent(out, "endTime", seconds(build.endTime()));
        out.put("currentPhase", build.currentPhase().name());
        out.put("buildStatus", build.buildStatus().name());
        putIfPresent(out, "sourceVersion", build.sourceVersion());
        putIfPresent(out, "resolvedSourceVersion", build.resolvedSourceVersion());
        out.put("projectName", build.projectName());
        List<Map<String, Object>> phases = new ArrayList<>();
        for (BuildPhase phase : build.phases()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("phaseType", phase.phaseType().name());
            putIfPresent(
                    p,
                    "phaseStatus",
                    phase.phaseStatus() == null ? null : phase.phaseStatus().name());
            p.put("startTime", seconds(phase.startTime()));
            putIfPresent(p, "endTime", seconds(phase.endTime()));
            putIfPresent(p, "durationInSeconds", phase.durationInSeconds());
            if (phase.contexts() != null) {
                List<Map<String, Object>> contexts = new ArrayList<>();
                for (PhaseContext c : phase.contexts()) {
                    contexts.add(Map.of("statusCode", c.statusCode(), "message", c.message()));
                }
                p.put("contexts", contexts);
            }
            phases.add(p);
        }
        out.put("phases", phases);
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("type", build.environment().type());
        environment.put("image", build.environment().image());
        environment.put("computeType", build.environment().computeType());
        environment.put("privilegedMode", build.environment().privilegedMode());
        environment.put("kilnBackend", build.environment().backend());
        out.put("environment", environment);
        out.put("logs", build.logs());
        out.put("timeoutInMinutes", build.timeoutInMinutes());
        out.put("buildComplete", build.buildComplete());
        out.put("initiator", build.initiator());
        if (build.artifacts() != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("location", build.artifacts().location());
            a.put("sha256sum", build.artifacts().sha256sum());
            a.put("md5sum", build.artifacts().md5sum());
            out.put("artifacts", a);
        }
        List<Map<String, Object>> reports = new ArrayList<>();
        for (Report report : build.reports()) {
            reports.add(report(report));
        }
        out.put("reports", reports);
        List<Map<String, Object>> exported = new ArrayList<>();
        for (Build.ExportedVariable v : build.exportedEnvironmentVariables()) {
            exported.add(Map.of("name", v.name(), "value", v.value()));
        }
        out.put("exportedEnvironmentVariables", exported);
        return out;
    }

    /** A report in the shape of CodeBuild's {@code Report} with its test cases. */
    static Map<String, Object> report(Report report) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", report.name());
        r.put("reportGroup", report.reportGroup());
        r.put("type", report.type());
        r.put("fileFormat", report.fileFormat());
        r.put("status", report.status());
        if (report.isCoverage()) {
            r.put("codeCoverageSummary", coverage(Objects.requireNonNull(report.codeCoverageSummary())));
            List<Map<String, Object>> files = new ArrayList<>();
            report.codeCoverages().forEach(c -> files.add(coverage(c)));
            r.put("codeCoverages", files);
            r.put("warnings", report.warnings());
            return r;
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total", report.total());
        summary.put("statusCounts", report.statusCounts());
        summary.put("durationInNanoSeconds", report.durationInNanoSeconds());
        r.put("testSummary", summary);
        List<Map<String, Object>> cases = new ArrayList<>();
        for (TestCase c : report.testCases()) {
            Map<String, Object> tc = new LinkedHashMap<>();
            tc.put("testRawDataPath", c.testRawDataPath());
            tc.put("prefix", c.prefix());
            tc.put("name", c.name());
            tc.put("status", c.status());
            tc.put("durationInNanoSeconds", c.durationInNanoSeconds());
            tc.put("message", c.message());
            cases.add(tc);
        }
        r.put("testCases", cases);
        r.put("warnings", report.warnings());
        return r;
    }

    private static Map<String, Object> coverage(CodeCoverage c) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!c.filePath().isEmpty()) {
            m.put("filePath", c.filePath());
        }
        m.put("lineCoveragePercentage", c.lineCoveragePercentage());
        m.put("linesCovered", c.linesCovered());
        m.put("linesMissed", c.linesMissed());
        m.put("branchCoveragePercentage", c.branchCoveragePercentage());
        m.put("branchesCovered", c.branchesCovered());
        m.put("branchesMissed", c.branchesMissed());
        return m;
    }

    private static @Nullable BigDecimal seconds(@Nullable Instant instant) {
        return instant == null ? null : BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    private static void putIfPresent(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
