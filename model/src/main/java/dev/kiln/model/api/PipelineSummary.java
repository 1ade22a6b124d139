package dev.kiln.model.api;

/**
 * A pipeline and its latest run.
 *
 * @param name its name
 * @param repository the repository whose {@code .kiln/pipeline.yml} it is
 * @param latestRun its latest run without its history, or null before the first
 */
public record PipelineSummary(String name, String repository, Run latestRun) {}
