package dev.kiln.model.pipeline;

import dev.kiln.model.lint.Problems;
import dev.kiln.model.yaml.MappingReader;
import dev.kiln.model.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads {@code stages}: each stage's actions, then checks that every input is produced before it is used. */
final class StageReader {
    private StageReader() {}

    static List<Stage> read(String file, MappingReader top, Problems problems) {
        if (!top.has("stages")) {
            top.requireKey("stages", "missing 'stages': a pipeline needs at least one stage with one action");
            return List.of();
        }
        List<Node> items = top.items("stages", "a list of stages");
        if (items.isEmpty() && !top.isNull("stages")) {
            return List.of();
        }
        if (items.isEmpty()) {
            top.error("stages", "no stages: a pipeline needs at least one stage with one action");
            return List.of();
        }
        List<Stage> stages = new ArrayList<>();
        List<ActionReader.Read> all = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            MappingReader stage = MappingReader.of(items.get(i), top.child("stages") + "[" + i + "]", problems);
            if (!stage.isMapping()) {
                continue;
            }
            stage.allowOnly("name", "actions");
            String name = stage.string("name").orElse("");
            if (!stage.has("name")) {
                stage.requireKey("name", "a stage needs a name");
            } else if (!name.matches(PipelineParser.NAME)) {
                stage.error("name", "'" + name + "' is not a stage name: use letters, digits and . _ - @");
            } else if (!names.add(name)) {
                stage.error("name", "another stage is already named '" + name + "'");
            }
            List<Action> actions = new ArrayList<>();
            if (!stage.has("actions")) {
                stage.requireKey("actions", "stage '" + name + "' needs at least one action");
            } else {
                List<Node> actionNodes = stage.items("actions", "a list of actions");
                if (actionNodes.isEmpty()) {
                    stage.error("actions", "stage '" + name + "' has no actions");
                }
                Set<String> actionNames = new HashSet<>();
                for (int j = 0; j < actionNodes.size(); j++) {
                    Optional<ActionReader.Read> read = ActionReader.read(
                            file, actionNodes.get(j), stage.child("actions") + "[" + j + "]", i, problems);
                    if (read.isEmpty()) {
                        continue;
                    }
                    if (!actionNames.add(read.get().action().name())) {
                        read.get()
                                .reader()
                                .error(
                                        "name",
                                        "another action of stage '" + name + "' is already named '"
                                                + read.get().action().name() + "'");
                    }
                    actions.add(read.get().action());
                    all.add(read.get());
                }
            }
            stages.add(new Stage(name, actions, YamlDocument.line(items.get(i))));
        }
        Artifacts.check(all, problems);
        return stages;
    }
}
