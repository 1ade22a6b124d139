package dev.kiln.model.pipeline;

import dev.kiln.model.buildspec.Buildspec;

/** A build or test action's buildspec: a file in its primary input, or written inline in the pipeline file. */
public sealed interface ActionBuildspec permits ActionBuildspec.InInput, ActionBuildspec.Inline {

    /**
     * A buildspec file in the action's primary input, read when the action runs.
     *
     * @param path the path in the input
     */
    record InInput(String path) implements ActionBuildspec {}

    /**
     * A buildspec written in the pipeline file, checked with it.
     *
     * @param buildspec the compiled buildspec
     */
    record Inline(Buildspec buildspec) implements ActionBuildspec {}
}
