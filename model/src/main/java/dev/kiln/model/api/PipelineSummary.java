package dev.kiln.model.api;

import org.jspecify.annotations.Nullable;

/**
 * A pipeline and its latest run.
 *
 * @param name its name
 * @param repository the repository whose {@code .kiln/pipeline.yml} it is
 * @param latestRun its latest run without its history, or null before the first
 */
public record PipelineSummary(
        String name, String repository, @Nullable Run latestRun) {}
