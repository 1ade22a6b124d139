package dev.kiln.agent.engine;

import dev.kiln.agent.cache.BuildCache;

/**
 * Where a build's {@code cache} section is kept.
 *
 * @param cache the cache
 * @param namespace where keyed entries live: the project's name unless projects share keys
 * @param dockerLayers LOCAL_DOCKER_LAYER_CACHE: keep a privileged build's {@code /var/lib/docker} per project
 */
public record CacheSettings(BuildCache cache, String namespace, boolean dockerLayers) {

    /** Settings without a docker layer cache. */
    public CacheSettings(BuildCache cache, String namespace) {
        this(cache, namespace, false);
    }
}
