package dev.kiln.model.buildspec;

import dev.kiln.model.yaml.Located;
import dev.kiln.model.yaml.MappingReader;
import dev.kiln.model.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads and checks {@code batch}. */
final class BatchReader {
    private static final String[] FORMS = {"build-list", "build-graph", "build-matrix", "build-fanout"};

    private BatchReader() {}

    static Optional<Batch> read(MappingReader root) {
        Optional<MappingReader> section = root.mapping("batch");
        if (section.isEmpty()) {
            return Optional.empty();
        }
        MappingReader batch = section.get();
        batch.allowOnly("fast-fail", "build-list", "build-graph", "build-matrix", "build-fanout");
        boolean fastFail = batch.bool("fast-fail").orElse(false);
        List<String> present = new ArrayList<>();
        for (String form : FORMS) {
            if (batch.has(form)) {
                present.add(form);
            }
        }
        if (present.size() != 1) {
            batch.problems()
                    .error(
                            YamlDocument.line(batch.node()),
                            YamlDocument.column(batch.node()),
                            "batch",
                            present.isEmpty()
                                    ? "needs one of build-list, build-graph, build-matrix or build-fanout"
                                    : "has " + String.join(" and ", present) + "; use exactly one");
            return Optional.empty();
        }
        String form = present.get(0);
        return switch (form) {
            case "build-list" ->
                Optional.of(
                        new Batch(fastFail, Batch.Kind.LIST, tasks(batch, form, false), Optional.empty(), 0, false));
            case "build-graph" ->
                Optional.of(
                        new Batch(fastFail, Batch.Kind.GRAPH, tasks(batch, form, true), Optional.empty(), 0, false));
            case "build-matrix" ->
                Optional.of(new Batch(fastFail, Batch.Kind.MATRIX, List.of(), matrix(batch), 0, false));
            default -> fanout(batch, fastFail);
        };
    }

    private static List<BatchTask> tasks(MappingReader batch, String form, boolean graph) {
        List<BatchTask> out = new ArrayList<>();
        Optional<Node> value = batch.value(form);
        if (value.isEmpty() || !(value.get() instanceof SequenceNode sequence)) {
            batch.error(form, "expected a list of tasks, each with an 'identifier'");
            return out;
        }
        Map<String, Integer> seen = new HashMap<>();
        List<Map.Entry<String, List<Located<String>>>> dependencies = new ArrayList<>();
        int index = 0;
        for (Node item : sequence.getValue()) {
            MappingReader task = MappingReader.of(item, batch.child(form) + "[" + index++ + "]", batch.problems());
            List<String> allowed =
                    new ArrayList<>(List.of("identifier", "buildspec", "debug-session", "env", "ignore-failure"));
            if (graph) {
                allowed.add("depend-on");
            }
            task.allowOnly(allowed.toArray(String[]::new));
            task.requireKey("identifier", "missing 'identifier'");
            String id = task.string("identifier").orElse("");
            if (!id.isEmpty()) {
                if (!Names.isBatchIdentifier(id)) {
                    task.error("identifier", "an identifier has letters, digits and _ only (at most 127)");
                }
                Integer previous = seen.putIfAbsent(id, task.line("identifier"));
                if (previous != null) {
                    task.error("identifier", "duplicate identifier '" + id + "' (first on line " + previous + ")");
                }
            }
            List<Located<String>> dependOn = task.stringList("depend-on");
            dependencies.add(Map.entry(id, dependOn));
            out.add(new BatchTask(
                    id,
                    task.string("buildspec"),
                    task.bool("debug-session").orElse(false),
                    env(task),
                    task.bool("ignore-failure").orElse(false),
                    dependOn.stream().map(Located::value).toList()));
        }
        if (graph) {
            checkGraph(batch, dependencies);
        }
        return out;
    }

    private static void checkGraph(MappingReader batch, List<Map.Entry<String, List<Located<String>>>> tasks) {
        Map<String, List<Located<String>>> dependencies = new LinkedHashMap<>();
        for (Map.Entry<String, List<Located<String>>> e : tasks) {
            dependencies.merge(e.getKey(), e.getValue(), (a, b) -> {
                List<Located<String>> both = new ArrayList<>(a);
                both.addAll(b);
                return both;
            });
        }
        for (Map.Entry<String, List<Located<String>>> e : tasks) {
            for (Located<String> dep : e.getValue()) {
                if (!dependencies.containsKey(dep.value())) {
                    batch.problems()
                            .error(
                                    dep.line(),
                                    dep.column(),
                                    "batch.build-graph",
                                    "task '" + e.getKey() + "' depends on unknown task '" + dep.value() + "'");
                }
            }
        }
        Set<String> done = new HashSet<>();
        for (String start : dependencies.keySet()) {
            List<String> cycle = findCycle(start, dependencies, new ArrayList<>(), done);
            if (!cycle.isEmpty()) {
                batch.error("build-graph", "tasks depend on each other in a cycle: " + String.join(" -> ", cycle));
                return;
            }
        }
    }

    private static List<String> findCycle(
            String node, Map<String, List<Located<String>>> deps, List<String> stack, Set<String> done) {
        if (stack.contains(node)) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(node), stack.size()));
            cycle.add(node);
            return cycle;
        }
        if (done.contains(node) || !deps.containsKey(node)) {
            return List.of();
        }
        stack.add(node);
        for (Located<String> dep : deps.get(node)) {
            List<String> cycle = findCycle(dep.value(), deps, stack, done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        stack.remove(stack.size() - 1);
        done.add(node);
        return List.of();
    }

    private static BatchEnv env(MappingReader owner) {
        Optional<MappingReader> section = owner.mapping("env");
        if (section.isEmpty()) {
            return BatchEnv.NONE;
        }
        MappingReader env = section.get();
        env.allowOnly("compute-type", "image", "privileged-mode", "type", "variables");
        Map<String, String> variables = new LinkedHashMap<>();
        env.stringMap("variables").forEach((k, v) -> variables.put(k, v.value()));
        return new BatchEnv(
                env.string("compute-type"),
                env.string("image"),
                env.bool("privileged-mode"),
                env.string("type"),
                variables);
    }

    private static Optional<BatchMatrix> matrix(MappingReader batch) {
        Optional<MappingReader> section = batch.mapping("build-matrix");
        if (section.isEmpty()) {
            batch.error("build-matrix", "expected 'static' and 'dynamic' settings");
            return Optional.empty();
        }
        MappingReader matrix = section.get();
        matrix.allowOnly("static", "dynamic");
        matrix.requireKey("dynamic", "missing 'dynamic': a matrix needs values to combine");
        boolean ignoreFailure = false;
        BatchEnv staticEnv = BatchEnv.NONE;
        Optional<MappingReader> fixed = matrix.mapping("static");
        if (fixed.isPresent()) {
            fixed.get().allowOnly("ignore-failure", "env");
            ignoreFailure = fixed.get().bool("ignore-failure").orElse(false);
            staticEnv = env(fixed.get());
        }
        List<String> buildspecs = List.of();
        List<String> computeTypes = List.of();
        List<String> images = List.of();
        Map<String, List<String>> variables = new LinkedHashMap<>();
        Optional<MappingReader> dynamic = matrix.mapping("dynamic");
        if (dynamic.isPresent()) {
            dynamic.get().allowOnly("buildspec", "env");
            buildspecs = values(dynamic.get(), "buildspec");
            Optional<MappingReader> env = dynamic.get().mapping("env");
            if (env.isPresent()) {
                env.get().allowOnly("compute-type", "image", "variables");
                computeTypes = values(env.get(), "compute-type");
                images = values(env.get(), "image");
                Optional<MappingReader> vars = env.get().mapping("variables");
                if (vars.isPresent()) {
                    for (String name : vars.get().keys()) {
                        variables.put(name, values(vars.get(), name));
                    }
                }
            }
        }
        return Optional.of(new BatchMatrix(ignoreFailure, staticEnv, buildspecs, computeTypes, images, variables));
    }

    private static List<String> values(MappingReader owner, String key) {
        return owner.stringList(key).stream().map(Located::value).toList();
    }

    private static Optional<Batch> fanout(MappingReader batch, boolean fastFail) {
        Optional<MappingReader> section = batch.mapping("build-fanout");
        if (section.isEmpty()) {
            batch.error("build-fanout", "expected 'parallelism'");
            return Optional.empty();
        }
        MappingReader fanout = section.get();
        fanout.allowOnly("parallelism", "ignore-failure");
        fanout.requireKey("parallelism", "missing 'parallelism': how many builds to start");
        int parallelism = fanout.integer("parallelism", 1, 100).orElse(1);
        return Optional.of(new Batch(
                fastFail,
                Batch.Kind.FANOUT,
                List.of(),
                Optional.empty(),
                parallelism,
                fanout.bool("ignore-failure").orElse(false)));
    }
}
