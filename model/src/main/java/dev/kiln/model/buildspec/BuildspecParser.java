package dev.kiln.model.buildspec;

import dev.kiln.model.lint.Problems;
import dev.kiln.model.yaml.MappingReader;
import dev.kiln.model.yaml.YamlDocument;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Lints a buildspec and compiles it into a {@link Buildspec}. Reports every problem at once, each with the file,
 * line, column and key. Stateless and thread-safe.
 */
public final class BuildspecParser {
    private static final String[] TOP_KEYS = {
        "version", "run-as", "env", "proxy", "batch", "phases", "reports", "artifacts", "cache"
    };

    private BuildspecParser() {}

    /** Parses buildspec text; {@code file} names it in problems. */
    public static ParsedBuildspec parse(String file, String text) {
        Problems problems = new Problems(file);
        Optional<Node> root = YamlDocument.compose(text, problems);
        if (root.isEmpty()) {
            return new ParsedBuildspec(Optional.empty(), problems.report());
        }
        Optional<Buildspec> buildspec = read(file, root.get(), "", problems);
        return new ParsedBuildspec(problems.hasErrors() ? Optional.empty() : buildspec, problems.report());
    }

    /**
     * Reads a buildspec from a YAML node of a larger file (a pipeline's inline buildspec), recording problems with
     * their place in that file.
     *
     * @param path the node's key path in the file ({@code stages[0].actions[1].buildspec}), empty at the top
     * @return the buildspec, empty when it has errors
     */
    public static Optional<Buildspec> read(String file, Node root, String path, Problems problems) {
        int errorsBefore = problems.errorCount();
        MappingReader top = MappingReader.of(root, path, problems);
        if (!top.isMapping()) {
            return Optional.empty();
        }
        top.allowOnly(TOP_KEYS);
        BuildspecVersion version = version(top);
        Optional<String> runAs = top.string("run-as");
        BuildspecEnv env = EnvReader.read(top);
        Proxy proxy = top.mapping("proxy")
                .map(p -> {
                    p.allowOnly("upload-artifacts", "logs");
                    return new Proxy(
                            p.bool("upload-artifacts").orElse(false),
                            p.bool("logs").orElse(false));
                })
                .orElse(Proxy.NONE);
        Optional<Batch> batch = BatchReader.read(top);
        List<Phase> phases = PhaseReader.read(top, version);
        List<ReportGroup> reports = OutputsReader.reports(top);
        Optional<Artifacts> artifacts = OutputsReader.artifacts(top);
        Optional<Cache> cache = OutputsReader.cache(top);
        if (problems.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new Buildspec(file, version, runAs, env, proxy, batch, phases, reports, artifacts, cache));
    }

    private static BuildspecVersion version(MappingReader top) {
        if (!top.has("version")) {
            top.requireKey("version", "missing 'version': add 'version: 0.2' at the top");
            return BuildspecVersion.V0_2;
        }
        String text = top.string("version").orElse("");
        switch (text) {
            case "0.2" -> {
                return BuildspecVersion.V0_2;
            }
            case "0.1" -> {
                top.warning(
                        "version",
                        "version 0.1 runs each command in a fresh shell, so cd and export do not carry over;"
                                + " version 0.2 keeps them");
                return BuildspecVersion.V0_1;
            }
            default -> {
                top.error("version", "must be 0.2 (or the older 0.1), found '" + text + "'");
                return BuildspecVersion.V0_2;
            }
        }
    }
}
