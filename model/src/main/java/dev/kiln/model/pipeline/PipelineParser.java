package dev.kiln.model.pipeline;

import dev.kiln.model.lint.Problems;
import dev.kiln.model.yaml.Located;
import dev.kiln.model.yaml.MappingReader;
import dev.kiln.model.yaml.Suggestions;
import dev.kiln.model.yaml.YamlDocument;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Lints a pipeline file and compiles it into a {@link Pipeline}. Reports every problem at once, each with the file,
 * line, column and key. Stateless and thread-safe.
 */
public final class PipelineParser {
    /** Where a repository keeps its pipeline. */
    public static final String FILE = ".kiln/pipeline.yml";

    private static final String[] TOP_KEYS = {"version", "name", "on", "execution-mode", "variables", "stages"};
    static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}";

    private PipelineParser() {}

    /** Parses pipeline text; {@code file} names it in problems. */
    public static ParsedPipeline parse(String file, String text) {
        Problems problems = new Problems(file);
        Optional<Node> root = YamlDocument.compose(text, problems);
        if (root.isEmpty()) {
            return new ParsedPipeline(Optional.empty(), problems.report());
        }
        MappingReader top = MappingReader.of(root.get(), "", problems);
        if (!top.isMapping()) {
            return new ParsedPipeline(Optional.empty(), problems.report());
        }
        top.allowOnly(TOP_KEYS);
        version(top);
        Optional<String> name = top.string("name");
        name.filter(n -> !n.matches(NAME))
                .ifPresent(n -> top.error(
                        "name",
                        "'" + n + "' is not a pipeline name: use letters, digits and"
                                + " . _ - @, up to 100, starting with a letter or digit"));
        PushTrigger trigger = trigger(top);
        ExecutionMode mode = executionMode(top);
        Map<String, String> variables = variables(top);
        List<Stage> stages = StageReader.read(file, top, problems);
        if (problems.hasErrors()) {
            return new ParsedPipeline(Optional.empty(), problems.report());
        }
        return new ParsedPipeline(
                Optional.of(new Pipeline(file, name, trigger, mode, variables, stages)), problems.report());
    }

    private static void version(MappingReader top) {
        if (!top.has("version")) {
            top.requireKey("version", "missing 'version': add 'version: 1' at the top");
            return;
        }
        String text = top.string("version").orElse("");
        if (!text.equals("1")) {
            top.error("version", "must be 1, found '" + text + "'");
        }
    }

    private static PushTrigger trigger(MappingReader top) {
        Optional<MappingReader> on = top.mapping("on");
        if (on.isEmpty()) {
            return PushTrigger.EVERY_BRANCH;
        }
        on.get().allowOnly("push");
        Optional<MappingReader> push = on.get().mapping("push");
        if (push.isEmpty()) {
            return PushTrigger.EVERY_BRANCH;
        }
        MappingReader p = push.get();
        p.allowOnly("branches", "tags", "paths", "paths-ignore");
        return new PushTrigger(
                values(p.stringList("branches")),
                values(p.stringList("tags")),
                values(p.stringList("paths")),
                values(p.stringList("paths-ignore")));
    }

    static List<String> values(List<Located<String>> located) {
        return located.stream().map(Located::value).toList();
    }

    private static ExecutionMode executionMode(MappingReader top) {
        Optional<String> text = top.string("execution-mode");
        if (text.isEmpty()) {
            return ExecutionMode.SUPERSEDED;
        }
        List<String> names =
                Arrays.stream(ExecutionMode.values()).map(Enum::name).toList();
        if (names.contains(text.get())) {
            return ExecutionMode.valueOf(text.get());
        }
        top.error(
                "execution-mode",
                "unknown execution mode '" + text.get() + "'"
                        + Suggestions.closest(text.get().toUpperCase(java.util.Locale.ROOT), names)
                                .map(s -> "; did you mean " + s + "?")
                                .orElse("; use SUPERSEDED, QUEUED or PARALLEL"));
        return ExecutionMode.SUPERSEDED;
    }

    private static Map<String, String> variables(MappingReader top) {
        Map<String, String> out = new LinkedHashMap<>();
        top.stringMap("variables").forEach((name, value) -> {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                top.problems()
                        .error(
                                value.line(),
                                value.column(),
                                top.child("variables") + "." + name,
                                "'" + name + "' is not a variable name: use letters, digits and _, not starting"
                                        + " with a digit");
            } else if (name.startsWith("CODEBUILD_") || name.startsWith("KILN_")) {
                top.problems()
                        .error(
                                value.line(),
                                value.column(),
                                top.child("variables") + "." + name,
                                "names starting with CODEBUILD_ or KILN_ are Kiln's own; choose another");
            } else {
                out.put(name, value.value());
            }
        });
        return out;
    }
}
