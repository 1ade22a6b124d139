package dev.kiln.model.pipeline;

import java.util.List;

/**
 * One stage: its actions, run in groups by run order.
 *
 * @param name unique in the pipeline
 * @param actions its actions, in file order
 * @param line where the stage starts in the pipeline file
 */
public record Stage(String name, List<Action> actions, int line) {
    public Stage {
        actions = List.copyOf(actions);
    }
}
