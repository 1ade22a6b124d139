package dev.kiln.model.pipeline;

import dev.kiln.model.buildspec.BuildspecParser;
import dev.kiln.model.lint.Problems;
import dev.kiln.model.yaml.Located;
import dev.kiln.model.yaml.MappingReader;
import dev.kiln.model.yaml.Suggestions;
import dev.kiln.model.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads one action: the keys its type takes, its buildspec (a path or inline), inputs, outputs and limits. */
final class ActionReader {
    private static final List<String> COMMON = List.of("name", "type", "run-order", "timeout-minutes");
    private static final List<String> BUILD =
            List.of("buildspec", "image", "inputs", "outputs", "labels", "compute-type", "privileged");
    private static final List<String> DEPLOY = List.of("environment", "inputs", "labels");
    private static final String COMPUTE_TYPES = "(BUILD_GENERAL1_)?(SMALL|MEDIUM|LARGE|XLARGE|2XLARGE)";

    private ActionReader() {}

    /**
     * An action as read, with what the cross-reference check needs.
     *
     * @param action the action
     * @param reader its mapping, to report problems at its keys
     * @param stage the index of its stage
     * @param inputs its inputs where they are written
     * @param outputs its outputs where they are written
     */
    record Read(
            Action action,
            MappingReader reader,
            int stage,
            List<Located<String>> inputs,
            List<Located<String>> outputs) {}

    static Optional<Read> read(String file, Node node, String path, int stage, Problems problems) {
        MappingReader a = MappingReader.of(node, path, problems);
        if (!a.isMapping()) {
            return Optional.empty();
        }
        String name = a.string("name").orElse("");
        if (!a.has("name")) {
            a.requireKey("name", "an action needs a name");
        } else if (!name.matches(PipelineParser.NAME)) {
            a.error("name", "'" + name + "' is not an action name: use letters, digits and . _ - @");
        }
        ActionType type = type(a);
        List<String> allowed = new ArrayList<>(COMMON);
        if (type == ActionType.BUILD || type == ActionType.TEST) {
            allowed.addAll(BUILD);
        } else if (type == ActionType.DEPLOY) {
            allowed.addAll(DEPLOY);
        }
        if (type != null) {
            for (String key : a.keys()) {
                if (!allowed.contains(key) && isKnownElsewhere(key)) {
                    a.error(
                            key,
                            "'" + key + "' does not apply to " + (type == ActionType.APPROVAL ? "an " : "a ")
                                    + type.fileName() + " action");
                }
            }
            a.allowOnly(withKnown(allowed));
        }
        int runOrder = a.integer("run-order", 1, 999).orElse(1);
        Optional<Integer> timeout = type == ActionType.APPROVAL
                ? a.integer("timeout-minutes", 1, 86400).or(() -> Optional.of(10080))
                : a.integer("timeout-minutes", 1, 2160);
        List<Located<String>> inputs = a.stringList("inputs");
        List<Located<String>> outputs = a.stringList("outputs");
        boolean builds = type == ActionType.BUILD || type == ActionType.TEST;
        if (builds && !a.has("inputs")) {
            inputs = List.of(new Located<>("source", YamlDocument.line(node), YamlDocument.column(node)));
        }
        if (type == ActionType.DEPLOY && inputs.isEmpty()) {
            a.requireKey("inputs", "a deploy action needs the artifact it ships in 'inputs'");
        }
        Optional<String> environment = a.string("environment");
        if (type == ActionType.DEPLOY && environment.isEmpty()) {
            a.requireKey("environment", "a deploy action needs an 'environment' to ship to (dev, prod, ...)");
        }
        Optional<ActionBuildspec> buildspec = builds ? Optional.of(buildspec(file, a, problems)) : Optional.empty();
        Action action = new Action(
                name,
                type == null ? ActionType.BUILD : type,
                runOrder,
                buildspec,
                a.string("image"),
                PipelineParser.values(inputs),
                PipelineParser.values(outputs),
                environment,
                timeout,
                PipelineParser.values(a.stringList("labels")),
                computeType(a),
                a.bool("privileged").orElse(false),
                YamlDocument.line(node));
        return Optional.of(new Read(action, a, stage, inputs, outputs));
    }

    private static Optional<String> computeType(MappingReader a) {
        Optional<String> given = a.string("compute-type");
        if (given.isPresent() && !given.get().toUpperCase(java.util.Locale.ROOT).matches(COMPUTE_TYPES)) {
            a.error(
                    "compute-type",
                    "'" + given.get() + "' is not a compute type: BUILD_GENERAL1_SMALL, _MEDIUM, _LARGE, _XLARGE or"
                            + " _2XLARGE");
            return Optional.empty();
        }
        return given.map(t -> t.toUpperCase(java.util.Locale.ROOT));
    }

    private static @Nullable ActionType type(MappingReader a) {
        if (!a.has("type")) {
            a.requireKey("type", "an action needs a type: build, test, deploy or approval");
            return null;
        }
        String text = a.string("type").orElse("");
        List<String> names =
                Arrays.stream(ActionType.values()).map(ActionType::fileName).toList();
        if (names.contains(text)) {
            return ActionType.valueOf(text.toUpperCase(Locale.ROOT));
        }
        a.error(
                "type",
                "unknown action type '" + text + "'"
                        + Suggestions.closest(text, names)
                                .map(s -> "; did you mean " + s + "?")
                                .orElse("; use build, test, deploy or approval"));
        return null;
    }

    private static boolean isKnownElsewhere(String key) {
        return BUILD.contains(key) || DEPLOY.contains(key);
    }

    /** The keys the action may have, plus every key some other type has (reported above, not as unknown). */
    private static String[] withKnown(List<String> allowed) {
        List<String> all = new ArrayList<>(allowed);
        BUILD.stream().filter(k -> !all.contains(k)).forEach(all::add);
        DEPLOY.stream().filter(k -> !all.contains(k)).forEach(all::add);
        return all.toArray(String[]::new);
    }

    private static ActionBuildspec buildspec(String file, MappingReader a, Problems problems) {
        Optional<Node> value = a.value("buildspec");
        if (value.isEmpty() || MappingReader.isNullNode(value.get())) {
            return new ActionBuildspec.InInput("buildspec.yml");
        }
        if (value.get() instanceof MappingNode) {
            return BuildspecParser.read(file, value.get(), a.child("buildspec"), problems)
                    .<ActionBuildspec>map(ActionBuildspec.Inline::new)
                    .orElse(new ActionBuildspec.InInput("buildspec.yml"));
        }
        String path = a.string("buildspec").orElse("buildspec.yml");
        if (path.startsWith("/") || ("/" + path + "/").contains("/../")) {
            a.error("buildspec", "'" + path + "' must be a path inside the action's input (no leading / or ..)");
        }
        return new ActionBuildspec.InInput(path);
    }
}
