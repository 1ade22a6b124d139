package dev.kiln.agent.engine;

import dev.kiln.agent.cache.BuildCache;
import dev.kiln.model.job.JobObjects;

/**
 * Where a build's {@code cache} section is kept.
 *
 * @param cache the cache
 * @param namespace where keyed entries live: the project's name unless projects share keys
 * @param dockerLayers LOCAL_DOCKER_LAYER_CACHE: keep a privileged build's {@code /var/lib/docker} per project
 * @param scope whose entries these are (an orchestrator's repository), or empty: unkeyed entries are the project's
 *     within it, so that projects of the same name elsewhere never share them
 */
public record CacheSettings(BuildCache cache, String namespace, boolean dockerLayers, String scope) {

    /** Settings without a docker layer cache or a scope. */
    public CacheSettings(BuildCache cache, String namespace) {
        this(cache, namespace, false, "");
    }

    /** Settings without a scope. */
    public CacheSettings(BuildCache cache, String namespace, boolean dockerLayers) {
        this(cache, namespace, dockerLayers, "");
    }

    /** Where a project's unkeyed entry lives. */
    public String unkeyed(String project) {
        return JobObjects.cacheNamespace(scope, project);
    }
}
