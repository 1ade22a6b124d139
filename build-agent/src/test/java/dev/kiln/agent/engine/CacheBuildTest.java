package dev.kiln.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.agent.cache.BuildCache;
import dev.kiln.agent.cache.CachePolicy;
import dev.kiln.agent.testing.Engines;
import dev.kiln.agent.testing.TestBuild;
import dev.kiln.kit.store.LocalDirectoryArtifactStore;
import dev.kiln.model.build.StatusType;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The buildspec's cache section across real builds in containers. */
@Tag("docker")
class CacheBuildTest {
    @TempDir
    Path work;

    private CacheSettings settings() {
        return new CacheSettings(
                new BuildCache(
                        new LocalDirectoryArtifactStore(work.resolve("cache")), CachePolicy.DEFAULT, Clock.systemUTC()),
                "team");
    }

    private TestBuild build(String dir, CacheSettings cache, String buildspec) throws Exception {
        return new TestBuild(Engines.docker(), work.resolve(dir)).cache(cache).buildspec(buildspec);
    }

    @Test
    void unkeyed_cache_paths_carry_from_one_build_to_the_next() throws Exception {
        CacheSettings cache = settings();
        String buildspec = """
                version: 0.2
                phases:
                  build:
                    commands:
                      - cat deps/lib.txt /root/.cache/tool/data.txt 2>/dev/null || echo cold
                      - mkdir -p deps /root/.cache/tool
                      - echo "dep from build $CODEBUILD_BUILD_ID" > deps/lib.txt
                      - echo tool-data > /root/.cache/tool/data.txt
                cache:
                  paths:
                    - deps/**/*
                    - /root/.cache/tool/**/*
                """;
        var first = build("one", cache, buildspec).run();
        var second = build("two", cache, buildspec).run();

        assertThat(first.output()).containsExactly("cold");
        assertThat(first.text())
                .contains("No cache for this project yet; nothing restored")
                .containsPattern("Saved cache for this project to .*: /codebuild/output/src\\d+/src/deps [0-9.]+ KiB,"
                        + " /root/.cache/tool [0-9.]+ KiB in \\d+ ms");
        assertThat(second.output())
                .containsExactly("dep from build " + first.build().id(), "tool-data");
        assertThat(second.text())
                .containsPattern("Restored cache the project's cache from .*: /codebuild/output/src\\d+/src/deps"
                        + " [0-9.]+ KiB, /root/.cache/tool [0-9.]+ KiB in \\d+ ms");
        assertThat(second.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
    }

    private static String keyed(String extra) {
        return """
                version: 0.2
                phases:
                  build:
                    commands:
                      - cat deps/made-by 2>/dev/null || echo cold
                      - mkdir -p deps && echo "$(cat lock.txt)" > deps/made-by
                %s
                cache:
                  key: deps-$(codebuild-hash-files lock.txt)
                  fallback-keys:
                    - deps-
                  paths:
                    - deps/**/*
                """.formatted(extra);
    }

    @Test
    void a_key_evaluated_by_the_shell_restores_exactly_then_by_fallback_and_never_replaces_an_entry() throws Exception {
        CacheSettings cache = settings();
        var first = build("one", cache, keyed("")).file("lock.txt", "v1").run();
        var again = build("two", cache, keyed("")).file("lock.txt", "v1").run();
        var changed = build("three", cache, keyed("")).file("lock.txt", "v2").run();
        var fourth = build("four", cache, keyed("")).file("lock.txt", "v2").run();

        assertThat(first.output()).containsExactly("cold");
        assertThat(first.text())
                .containsPattern("No cache entry for key deps-[0-9a-f]{64} or fallback keys deps-; nothing restored")
                .containsPattern("Saved cache key deps-[0-9a-f]{64} to ");
        assertThat(again.output()).containsExactly("v1");
        assertThat(again.text())
                .containsPattern("Restored cache key deps-[0-9a-f]{64} from ")
                .containsPattern("Cache entry for key deps-[0-9a-f]{64} exists; a keyed entry is never replaced");
        assertThat(changed.output()).as("the v1 entry by fallback").containsExactly("v1");
        assertThat(changed.text())
                .containsPattern("Restored cache key deps-[0-9a-f]{64} \\(fallback\\)")
                .containsPattern("Saved cache key deps-[0-9a-f]{64} to ");
        assertThat(fourth.output()).containsExactly("v2");
    }

    @Test
    void a_failed_build_saves_no_keyed_entry_and_actions_restore_or_save_only() throws Exception {
        CacheSettings cache = settings();
        var failed = build("one", cache, keyed("      - exit 1"))
                .file("lock.txt", "v1")
                .run();
        var restoreOnly = build("two", cache, keyed("").replace("  paths:", "  action: restore\n  paths:"))
                .file("lock.txt", "v1")
                .run();
        var saveOnly = build("three", cache, keyed("").replace("  paths:", "  action: save\n  paths:"))
                .file("lock.txt", "v1")
                .run();
        var after = build("four", cache, keyed("")).file("lock.txt", "v1").run();

        assertThat(failed.build().buildStatus()).isEqualTo(StatusType.FAILED);
        assertThat(failed.text()).contains("Cache not saved: the build did not succeed");
        assertThat(restoreOnly.output()).containsExactly("cold");
        assertThat(restoreOnly.text()).contains("cache.action is restore: nothing saved");
        assertThat(saveOnly.output()).containsExactly("cold");
        assertThat(saveOnly.text()).contains("cache.action is save: nothing restored");
        assertThat(after.output()).containsExactly("v1");
    }

    @Test
    void the_docker_layer_cache_keeps_var_lib_docker_for_privileged_builds_of_the_project() throws Exception {
        CacheSettings layers = new CacheSettings(settings().cache(), "team", true);
        String buildspec = """
                version: 0.2
                phases:
                  build:
                    commands:
                      - cat /var/lib/docker/kept 2>/dev/null || echo cold
                      - mkdir -p /var/lib/docker && echo "layers from $CODEBUILD_BUILD_ID" > /var/lib/docker/kept
                """;
        var client = Engines.docker().engine().client();
        String volume = "kiln-docker-layers-test-project";
        try {
            var first = build("one", layers, buildspec).privileged().run();
            var second = build("two", layers, buildspec).privileged().run();
            var unprivileged = build("three", layers, buildspec).run();

            assertThat(first.output()).containsExactly("cold");
            assertThat(first.text()).contains("LOCAL_DOCKER_LAYER_CACHE: /var/lib/docker is kept");
            assertThat(second.output())
                    .containsExactly("layers from " + first.build().id());
            assertThat(unprivileged.output()).containsExactly("cold");
            assertThat(unprivileged.text()).doesNotContain("LOCAL_DOCKER_LAYER_CACHE");
            assertThat(client.inspectVolumeCmd(volume).exec().getLabels())
                    .containsEntry("kiln", "true")
                    .containsEntry("kiln.role", "docker-layer-cache");
        } finally {
            client.removeVolumeCmd(volume).exec();
        }
    }
}
