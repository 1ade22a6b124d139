package dev.kiln.agent.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.kit.store.LocalDirectoryArtifactStore;
import dev.kiln.kit.store.MinioArtifactStore;
import dev.kiln.kit.testing.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's rules on a local directory and on an S3-compatible server. */
class BuildCacheTest {
    private static final Optional<String> NO_KEY = Optional.empty();

    @TempDir
    Path work;

    private Path tar(String content) throws Exception {
        Path f = Files.createTempFile(work, "part", ".tar");
        Files.writeString(f, content);
        return f;
    }

    private String read(BuildCache cache, BuildCache.Found found, String path) throws Exception {
        Path into = Files.createTempDirectory(work, "restore");
        return Files.readString(cache.download(found, List.of(path), into).get(path));
    }

    private BuildCache local() {
        return new BuildCache(
                new LocalDirectoryArtifactStore(work.resolve("store")), CachePolicy.DEFAULT, Clock.systemUTC());
    }

    @Test
    void unkeyed_entries_are_per_project_and_replaced_by_each_save() throws Exception {
        BuildCache cache = local();
        cache.save("app", NO_KEY, Map.of("deps", tar("first")));
        cache.save("other", NO_KEY, Map.of("deps", tar("other project")));
        cache.save("app", NO_KEY, Map.of("deps", tar("second")));

        assertThat(read(cache, cache.find("app", NO_KEY, List.of()).orElseThrow(), "deps"))
                .isEqualTo("second");
        assertThat(read(cache, cache.find("other", NO_KEY, List.of()).orElseThrow(), "deps"))
                .isEqualTo("other project");
        try (Stream<Path> files = Files.walk(work.resolve("store/caches/app"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".tar"))).hasSize(1); // the old part is gone
        }
    }

    @Test
    void keyed_entries_are_immutable_and_fallbacks_match_the_newest_by_prefix() throws Exception {
        BuildCache cache = local();
        assertThat(cache.save("ns", Optional.of("npm-aaa"), Map.of("node_modules", tar("aaa"))))
                .isPresent();
        Thread.sleep(5);
        cache.save("ns", Optional.of("npm-bbb"), Map.of("node_modules", tar("bbb")));
        cache.save("ns", Optional.of("pip-ccc"), Map.of("node_modules", tar("ccc")));

        assertThat(cache.save("ns", Optional.of("npm-aaa"), Map.of("node_modules", tar("changed"))))
                .isEmpty();
        var exact = cache.find("ns", Optional.of("npm-aaa"), List.of("npm-")).orElseThrow();
        assertThat(read(cache, exact, "node_modules")).isEqualTo("aaa");

        var fallback = cache.find("ns", Optional.of("npm-zzz"), List.of("yarn-", "npm-"))
                .orElseThrow();
        assertThat(fallback.manifest().key()).isEqualTo("npm-bbb");
        assertThat(cache.find("ns", Optional.of("npm-zzz"), List.of())).isEmpty();
        assertThat(cache.find("elsewhere", Optional.of("npm-aaa"), List.of("npm-")))
                .isEmpty();
    }

    @Test
    void keys_with_any_characters_round_trip() throws Exception {
        BuildCache cache = local();
        String key = "deps/v1 $weird%20ключ:..";
        cache.save("ns", Optional.of(key), Map.of("d", tar("x")));

        assertThat(cache.find("ns", Optional.of("other"), List.of("deps/v1 $w"))
                        .orElseThrow()
                        .manifest()
                        .key())
                .isEqualTo(key);
    }

    @Test
    void a_corrupt_part_discards_the_whole_entry_before_anything_is_restored() throws Exception {
        BuildCache cache = local();
        cache.save("app", NO_KEY, Map.of("a", tar("aaaa"), "b", tar("bbbb")));
        Path part;
        try (Stream<Path> files = Files.walk(work.resolve("store"))) {
            part = files.filter(p -> p.toString().endsWith("-1.tar"))
                    .findFirst()
                    .orElseThrow();
        }
        Files.writeString(part, "bbbX");
        var found = cache.find("app", NO_KEY, List.of()).orElseThrow();

        assertThatThrownBy(() -> cache.download(found, List.of("a", "b"), work))
                .isInstanceOf(CorruptCacheEntryException.class)
                .hasMessageContaining("discarded");
        assertThat(cache.find("app", NO_KEY, List.of())).isEmpty();
    }

    @Test
    void an_entry_without_its_manifest_is_never_found_and_is_evicted_after_an_hour() throws Exception {
        Path store = work.resolve("store");
        BuildCache cache = local();
        cache.save("app", Optional.of("k"), Map.of("a", tar("aaaa")));
        Files.delete(store.resolve("caches/app/key-k/manifest.json"));

        assertThat(cache.find("app", Optional.of("k"), List.of("k"))).isEmpty();
        assertThat(cache.evict().entries()).isZero(); // it could still be being written

        age(store.resolve("caches/app/key-k"), Instant.now().minus(Duration.ofHours(2)));
        assertThat(cache.evict().entries()).isEqualTo(1);
        assertThat(store.resolve("caches/app/key-k")).doesNotExist();
    }

    @Test
    void eviction_drops_stale_entries_then_the_least_recently_used_beyond_the_size() throws Exception {
        Path store = work.resolve("store");
        Instant now = Instant.now();
        BuildCache cache = new BuildCache(
                new LocalDirectoryArtifactStore(store),
                new CachePolicy(2500, Duration.ofDays(7)),
                Clock.fixed(now, ZoneOffset.UTC));
        String kib = "x".repeat(1000);
        for (String key : List.of("old", "a", "b", "c")) {
            cache.save("ns", Optional.of(key), Map.of("d", tar(kib)));
        }
        age(store.resolve("caches/ns/key-old"), now.minus(Duration.ofDays(8)));
        age(store.resolve("caches/ns/key-a"), now.minus(Duration.ofDays(3)));
        age(store.resolve("caches/ns/key-b"), now.minus(Duration.ofDays(1)));
        age(store.resolve("caches/ns/key-c"), now.minus(Duration.ofDays(2)));
        // a restore marks "a" used: it becomes the most recently used
        read(cache, cache.find("ns", Optional.of("a"), List.of()).orElseThrow(), "d");

        BuildCache.Eviction eviction = cache.evict();

        assertThat(eviction.entries()).isEqualTo(2);
        assertThat(cache.find("ns", Optional.of("old"), List.of())).isEmpty();
        assertThat(cache.find("ns", Optional.of("c"), List.of())).isEmpty();
        assertThat(cache.find("ns", Optional.of("a"), List.of())).isPresent();
        assertThat(cache.find("ns", Optional.of("b"), List.of())).isPresent();
        assertThat(eviction.kept()).isEqualTo(2);
    }

    private static void age(Path entry, Instant when) throws Exception {
        try (Stream<Path> files = Files.list(entry)) {
            for (Path f : files.toList()) {
                Files.setLastModifiedTime(f, FileTime.from(when));
            }
        }
    }

    @Test
    void an_s3_store_keeps_entries_that_another_agent_restores() throws Exception {
        try (S3Server server = S3Server.start(Files.createDirectories(work.resolve("s3")))) {
            ArtifactStore agentOne = new MinioArtifactStore(
                    server.endpoint(), S3Server.ACCESS_KEY, S3Server.SECRET_KEY, "caches", "team");
            ArtifactStore agentTwo = new MinioArtifactStore(
                    server.endpoint(), S3Server.ACCESS_KEY, S3Server.SECRET_KEY, "caches", "team");
            BuildCache one = new BuildCache(agentOne, CachePolicy.DEFAULT, Clock.systemUTC());
            BuildCache two = new BuildCache(agentTwo, CachePolicy.DEFAULT, Clock.systemUTC());
            one.save("ns", Optional.of("m2-abc"), Map.of("/root/.m2", tar("jars")));
            one.save("app", NO_KEY, Map.of("deps", tar("deps")));

            assertThat(read(
                            two,
                            two.find("ns", Optional.of("m2-new"), List.of("m2-"))
                                    .orElseThrow(),
                            "/root/.m2"))
                    .isEqualTo("jars");
            assertThat(read(two, two.find("app", NO_KEY, List.of()).orElseThrow(), "deps"))
                    .isEqualTo("deps");
            assertThat(two.save("ns", Optional.of("m2-abc"), Map.of("/root/.m2", tar("other"))))
                    .isEmpty();
            assertThat(two.evict().entries()).isZero();
        }
    }

    @Test
    void sizes_and_ages_parse_or_are_refused() {
        assertThat(dev.kiln.model.Sizes.parse("10g")).contains(10L << 30);
        assertThat(dev.kiln.model.Sizes.parse("500M")).contains(500L << 20);
        assertThat(dev.kiln.model.Sizes.parse("2048")).contains(2048L);
        assertThat(dev.kiln.model.Sizes.parse("1.5g")).isEmpty();
        assertThat(dev.kiln.model.Sizes.parse("0")).isEmpty();
        assertThat(CachePolicy.parseAge("30d")).contains(Duration.ofDays(30));
        assertThat(CachePolicy.parseAge("12h")).contains(Duration.ofHours(12));
        assertThat(CachePolicy.parseAge("soon")).isEmpty();
    }
}
