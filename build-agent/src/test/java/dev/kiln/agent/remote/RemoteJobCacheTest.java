package dev.kiln.agent.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.agent.cache.BuildCache;
import dev.kiln.agent.cache.CachePolicy;
import dev.kiln.agent.engine.CacheSettings;
import dev.kiln.kit.store.LocalDirectoryArtifactStore;
import dev.kiln.model.job.JobObjects;
import dev.kiln.model.job.JobSpec;
import dev.kiln.model.job.ObjectOperation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's caches are its repository's: two repositories with the same pipeline, stage and action share nothing. */
class RemoteJobCacheTest {
    private static JobSpec spec(String repository) {
        return new JobSpec(
                "j1",
                "1",
                "web",
                "build",
                "compile",
                "build",
                1,
                "abc",
                "refs/heads/main",
                "",
                List.of(),
                List.of(),
                "runs/1",
                Map.of("KILN_REPOSITORY", repository, "KILN_PIPELINE", "web"),
                60,
                0);
    }

    @TempDir
    Path dir;

    @Test
    void keyed_and_unkeyed_entries_live_under_the_repository() {
        BuildCache cache =
                new BuildCache(new LocalDirectoryArtifactStore(dir), CachePolicy.DEFAULT, java.time.Clock.systemUTC());
        CacheSettings mine = RemoteJob.cacheSettings(spec("shop"), "web-build-compile", cache);
        CacheSettings theirs = RemoteJob.cacheSettings(spec("intruder"), "web-build-compile", cache);

        assertThat(mine.namespace()).isEqualTo("shop/web-build-compile");
        assertThat(theirs.namespace()).isNotEqualTo(mine.namespace());
        assertThat(mine.unkeyed("web-build-compile")).isEqualTo("shop/web-build-compile");
        assertThat(theirs.unkeyed("web-build-compile")).isNotEqualTo(mine.unkeyed("web-build-compile"));
    }

    @Test
    void every_cache_object_lies_where_the_orchestrator_lets_the_job_write() throws Exception {
        LocalDirectoryArtifactStore store = new LocalDirectoryArtifactStore(dir.resolve("store"));
        BuildCache cache = new BuildCache(store, CachePolicy.DEFAULT, java.time.Clock.systemUTC());
        JobSpec shop = spec("shop");
        CacheSettings mine = RemoteJob.cacheSettings(shop, "web-build-compile", cache);
        CacheSettings neighbour = RemoteJob.cacheSettings(spec("shop.db"), "web-build-compile", cache);
        Path part = Files.writeString(dir.resolve("part.tar"), "tar");
        for (CacheSettings settings : List.of(mine, neighbour)) {
            cache.save(settings.namespace(), Optional.of("deps-1"), Map.of("node_modules", part));
            cache.save(settings.unkeyed("web-build-compile"), Optional.empty(), Map.of("node_modules", part));
        }

        String prefix = JobObjects.cachePrefix(shop).orElseThrow();
        List<String> mineKeys = store.list(prefix).stream().map(o -> o.key()).toList();
        assertThat(mineKeys).hasSize(4).allMatch(k -> JobObjects.allows(shop, ObjectOperation.PUT, k));
        assertThat(store.list("caches/")).hasSize(8);

        // an eviction of one repository's caches lists and removes nothing of the other's
        BuildCache strict =
                new BuildCache(store, new CachePolicy(1, java.time.Duration.ofDays(1)), java.time.Clock.systemUTC());
        assertThat(strict.evict("shop").entries()).isEqualTo(2);
        assertThat(store.list(prefix)).isEmpty();
        assertThat(store.list("caches/")).hasSize(4);
    }
}
