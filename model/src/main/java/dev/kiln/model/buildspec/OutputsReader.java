package dev.kiln.model.buildspec;

import dev.kiln.model.yaml.Located;
import dev.kiln.model.yaml.MappingReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads and checks what a build leaves behind: {@code artifacts}, {@code reports} and {@code cache}. */
final class OutputsReader {
    /** CodeBuild's limit of report groups per project. */
    static final int MAX_REPORT_GROUPS = 5;

    private OutputsReader() {}

    static Optional<Artifacts> artifacts(MappingReader root) {
        if (root.has("artifacts") && root.isNull("artifacts")) {
            root.error("artifacts", "empty 'artifacts': give it 'files' or remove it");
            return Optional.empty();
        }
        Optional<MappingReader> section = root.mapping("artifacts");
        if (section.isEmpty()) {
            return Optional.empty();
        }
        MappingReader artifacts = section.get();
        artifacts.allowOnly(
                "files",
                "name",
                "discard-paths",
                "base-directory",
                "exclude-paths",
                "enable-symlinks",
                "s3-prefix",
                "secondary-artifacts");
        artifacts.requireKey(
                "files",
                "missing 'artifacts.files': list the files to keep (for example '**/*'), even when only"
                        + " secondary artifacts are used");
        ArtifactSet primary = artifactSet(artifacts);
        Map<String, ArtifactSet> secondary = new LinkedHashMap<>();
        artifacts.mapping("secondary-artifacts").ifPresent(section2 -> {
            for (String id : section2.keys()) {
                if (!Names.isBatchIdentifier(id)) {
                    section2.error(id, "an artifact identifier has letters, digits and _ only");
                }
                section2.mapping(id)
                        .ifPresentOrElse(
                                a -> {
                                    a.allowOnly(
                                            "files",
                                            "name",
                                            "discard-paths",
                                            "base-directory",
                                            "exclude-paths",
                                            "enable-symlinks",
                                            "s3-prefix");
                                    a.requireKey("files", "missing 'files' in secondary artifact '" + id + "'");
                                    secondary.put(id, artifactSet(a));
                                },
                                () -> section2.error(id, "empty secondary artifact: give it 'files'"));
            }
        });
        return Optional.of(new Artifacts(primary, secondary));
    }

    private static ArtifactSet artifactSet(MappingReader a) {
        List<String> files = globs(a, "files");
        Optional<String> base = a.string("base-directory");
        base.ifPresent(b -> checkRelative(a, "base-directory", b));
        return new ArtifactSet(
                files,
                a.string("name"),
                a.bool("discard-paths").orElse(false),
                base,
                globs(a, "exclude-paths"),
                a.bool("enable-symlinks").orElse(false),
                a.string("s3-prefix"));
    }

    private static List<String> globs(MappingReader a, String key) {
        List<String> out = new ArrayList<>();
        for (Located<String> g : a.stringList(key)) {
            if (g.value().isBlank()) {
                a.problems().error(g.line(), g.column(), a.child(key), "empty path");
            } else {
                out.add(g.value());
            }
        }
        if (a.has(key) && out.isEmpty() && a.isNull(key)) {
            a.error(key, "empty '" + key + "': list at least one path");
        }
        return out;
    }

    private static void checkRelative(MappingReader a, String key, String path) {
        if (path.startsWith("/")) {
            a.error(key, "must be relative to the source directory, found the absolute path '" + path + "'");
        } else if (("/" + path + "/").contains("/../")) {
            a.error(key, "must stay inside the source directory; '..' is not allowed");
        }
    }

    static List<ReportGroup> reports(MappingReader root) {
        List<ReportGroup> out = new ArrayList<>();
        Optional<MappingReader> section = root.mapping("reports");
        if (section.isEmpty()) {
            return out;
        }
        MappingReader reports = section.get();
        if (reports.keys().size() > MAX_REPORT_GROUPS) {
            reports.problems()
                    .error(
                            reports.line(reports.keys().iterator().next()),
                            1,
                            "reports",
                            "at most " + MAX_REPORT_GROUPS + " report groups per project, found "
                                    + reports.keys().size());
        }
        for (String name : reports.keys()) {
            Optional<MappingReader> group = reports.mapping(name);
            if (group.isEmpty()) {
                reports.error(name, "empty report group: give it 'files'");
                continue;
            }
            MappingReader r = group.get();
            r.allowOnly("files", "base-directory", "discard-paths", "file-format");
            r.requireKey("files", "missing 'files' in report group '" + name + "'");
            ReportFileFormat format = ReportFileFormat.JUNITXML;
            Optional<String> formatText = r.string("file-format");
            if (formatText.isPresent()) {
                try {
                    format = ReportFileFormat.valueOf(formatText.get().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    r.error(
                            "file-format",
                            "unknown report format '" + formatText.get() + "'; expected one of "
                                    + java.util.Arrays.toString(ReportFileFormat.values()));
                }
            }
            Optional<String> base = r.string("base-directory");
            base.ifPresent(b -> checkRelative(r, "base-directory", b));
            out.add(new ReportGroup(
                    name, globs(r, "files"), base, r.bool("discard-paths").orElse(false), format));
        }
        return out;
    }

    static Optional<Cache> cache(MappingReader root) {
        Optional<MappingReader> section = root.mapping("cache");
        if (section.isEmpty()) {
            return Optional.empty();
        }
        MappingReader cache = section.get();
        cache.allowOnly("key", "fallback-keys", "action", "paths");
        cache.requireKey("paths", "missing 'cache.paths': list the directories to keep");
        List<String> fallbackKeys =
                cache.stringList("fallback-keys").stream().map(Located::value).toList();
        if (fallbackKeys.size() > 5) {
            cache.error("fallback-keys", "at most 5 fallback keys, found " + fallbackKeys.size());
        }
        if (!fallbackKeys.isEmpty() && !cache.has("key")) {
            cache.warning("fallback-keys", "fallback-keys are ignored without a 'key'");
        }
        Optional<Cache.Action> action = Optional.empty();
        Optional<String> actionText = cache.string("action");
        if (actionText.isPresent()) {
            switch (actionText.get().toLowerCase(Locale.ROOT)) {
                case "restore" -> action = Optional.of(Cache.Action.RESTORE);
                case "save" -> action = Optional.of(Cache.Action.SAVE);
                default -> cache.error("action", "must be restore or save, found '" + actionText.get() + "'");
            }
        }
        return Optional.of(new Cache(cache.string("key"), fallbackKeys, action, globs(cache, "paths")));
    }
}
