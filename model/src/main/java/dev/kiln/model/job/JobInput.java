package dev.kiln.model.job;

/**
 * An input artifact of a job.
 *
 * @param name the artifact's name ({@code source} for the pushed commit's tree)
 * @param key its zip's key in the object store
 */
public record JobInput(String name, String key) {}
