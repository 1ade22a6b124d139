package dev.kiln.agent.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.agent.cache.BuildCache;
import dev.kiln.agent.cache.CachePolicy;
import dev.kiln.agent.engine.CacheSettings;
import dev.kiln.kit.store.LocalDirectoryArtifactStore;
import dev.kiln.model.job.JobSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
                60);
    }

    @TempDir
    Path dir;

    @Test
    void keyed_and_unkeyed_entries_live_under_the_repository() {
        BuildCache cache =
                new BuildCache(new LocalDirectoryArtifactStore(dir), CachePolicy.DEFAULT, java.time.Clock.systemUTC());
        CacheSettings mine = RemoteJob.cacheSettings(spec("shop"), "web-build-compile", cache);
        CacheSettings theirs = RemoteJob.cacheSettings(spec("intruder"), "web-build-compile", cache);

        assertThat(mine.namespace()).isEqualTo("shop.web-build-compile");
        assertThat(theirs.namespace()).isNotEqualTo(mine.namespace());
        assertThat(mine.unkeyed("web-build-compile")).isEqualTo("shop.web-build-compile");
        assertThat(theirs.unkeyed("web-build-compile")).isNotEqualTo(mine.unkeyed("web-build-compile"));
    }
}
