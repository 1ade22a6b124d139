package dev.kiln.agent.engine;

import dev.kiln.agent.cache.BuildCache;

/**
 * Where a build's {@code cache} section is kept.
 *
 * @param cache the cache
 * @param namespace where keyed entries live: the project's name unless projects share keys
 */
public record CacheSettings(BuildCache cache, String namespace) {}
