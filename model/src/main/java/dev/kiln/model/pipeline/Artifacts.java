package dev.kiln.model.pipeline;

import dev.kiln.model.lint.Problems;
import dev.kiln.model.yaml.Located;
import dev.kiln.model.yaml.Suggestions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline's artifacts: each output is named once, and each input is {@code source} or an output of an action
 * that has finished before the one that reads it (an earlier stage, or a lower run order in the same stage).
 */
final class Artifacts {
    static final String SOURCE = "source";
    private static final String NAME = "[A-Za-z][A-Za-z0-9_]{0,99}";

    private Artifacts() {}

    static void check(List<ActionReader.Read> actions, Problems problems) {
        Map<String, ActionReader.Read> producers = new HashMap<>();
        for (ActionReader.Read read : actions) {
            for (Located<String> output : read.outputs()) {
                String name = output.value();
                String where = read.reader().child("outputs");
                if (name.equals(SOURCE)) {
                    problems.error(
                            output.line(),
                            output.column(),
                            where,
                            "'source' is the pushed commit's tree;" + " give this artifact another name");
                } else if (!name.matches(NAME)) {
                    problems.error(
                            output.line(),
                            output.column(),
                            where,
                            "'" + name + "' is not an artifact name:"
                                    + " use letters, digits and _, starting with a letter (it names CODEBUILD_SRC_DIR_<name>)");
                } else if (producers.putIfAbsent(name, read) != null) {
                    problems.error(
                            output.line(),
                            output.column(),
                            where,
                            "artifact '" + name + "' is already the output of action '"
                                    + producers.get(name).action().name() + "'");
                }
            }
        }
        for (ActionReader.Read read : actions) {
            Set<String> seen = new HashSet<>();
            for (Located<String> input : read.inputs()) {
                String name = input.value();
                String where = read.reader().child("inputs");
                if (!seen.add(name)) {
                    problems.error(input.line(), input.column(), where, "'" + name + "' is listed twice");
                    continue;
                }
                if (name.equals(SOURCE)) {
                    continue;
                }
                ActionReader.Read producer = producers.get(name);
                if (producer == null) {
                    problems.error(
                            input.line(),
                            input.column(),
                            where,
                            "no action outputs '" + name + "'"
                                    + Suggestions.closest(name, producers.keySet())
                                            .map(s -> "; did you mean " + s + "?")
                                            .orElse("; inputs are 'source' or an earlier action's outputs"));
                } else if (!before(producer, read)) {
                    problems.error(
                            input.line(),
                            input.column(),
                            where,
                            "'" + name + "' is made by action '"
                                    + producer.action().name()
                                    + "', which does not finish before this one: move it to an earlier stage or"
                                    + " give it a lower run-order");
                }
            }
        }
    }

    private static boolean before(ActionReader.Read producer, ActionReader.Read consumer) {
        return producer.stage() < consumer.stage()
                || (producer.stage() == consumer.stage()
                        && producer.action().runOrder() < consumer.action().runOrder());
    }
}
