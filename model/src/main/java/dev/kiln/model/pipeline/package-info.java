/**
 * The pipeline file, {@code .kiln/pipeline.yml}: its parser and linter ({@link dev.kiln.model.pipeline.PipelineParser})
 * and the immutable plan it compiles into ({@link dev.kiln.model.pipeline.Pipeline}), with CodePipeline's words.
 */
package dev.kiln.model.pipeline;
