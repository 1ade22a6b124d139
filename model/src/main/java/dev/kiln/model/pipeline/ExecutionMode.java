package dev.kiln.model.pipeline;

/** CodePipeline's execution modes: how runs share the pipeline's stages. */
public enum ExecutionMode {
    /** A stage holds one run; a newer run replaces an older one waiting to enter it. The default. */
    SUPERSEDED,
    /** A stage holds one run; runs wait their turn in order. */
    QUEUED,
    /** Runs go through the stages independently. */
    PARALLEL
}
