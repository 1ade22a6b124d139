package dev.kiln.model.api;

/**
 * What a removal removed.
 *
 * @param removed its name or id
 */
public record Removed(String removed) {}
