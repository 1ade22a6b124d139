package dev.kiln.agent.cli;

import dev.kiln.agent.cache.BuildCache;
import dev.kiln.agent.cache.CachePolicy;
import dev.kiln.agent.engine.CacheSettings;
import dev.kiln.kit.KitException;
import dev.kiln.kit.cli.InvalidOptionException;
import dev.kiln.kit.store.ArtifactStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code kiln build}'s cache options: where the buildspec's cache and kept clones live, and how long. */
final class CacheOptions {
    @Option(
            names = "--cache",
            paramLabel = "DIR|s3://BUCKET[/PREFIX]",
            description = "Where the buildspec's cache is kept between builds: a directory (default: in the data"
                    + " directory) or an S3-compatible bucket that agents on other machines share.")
    private @Nullable String cacheLocation;

    @Option(
            names = "--cache-namespace",
            paramLabel = "NAME",
            description = "Where keyed cache entries (cache.key) live; projects that name the same namespace share"
                    + " keys (default: the project's name).")
    private @Nullable String cacheNamespace;

    @Option(
            names = "--cache-max-size",
            paramLabel = "SIZE",
            defaultValue = "10g",
            description = "Evict the least recently used cache entries beyond this total (default: 10g).")
    private String cacheMaxSize = "10g";

    @Option(
            names = "--cache-max-age",
            paramLabel = "AGE",
            defaultValue = "30d",
            description = "Evict cache entries unused for this long: 30d, 12h, 90m (default: 30d).")
    private String cacheMaxAge = "30d";

    @Option(
            names = "--docker-layer-cache",
            description = "LOCAL_DOCKER_LAYER_CACHE: keep /var/lib/docker between this project's builds, for Docker"
                    + " builds inside the build (needs --privileged).")
    private boolean dockerLayerCache;

    @Option(
            names = "--no-cache",
            description = "Use no cache: neither the buildspec's cache nor the kept clones of git sources"
                    + " (LOCAL_SOURCE_CACHE, on by default).")
    private boolean noCache;

    /**
     * The buildspec's cache, or none with {@code --no-cache}.
     *
     * @throws InvalidOptionException saying which option is wrong and how
     */
    Optional<CacheSettings> settings(LocalState state, String project, boolean privileged, Map<String, String> env) {
        if (dockerLayerCache && !privileged) {
            throw new InvalidOptionException(
                    "--docker-layer-cache needs --privileged: only a privileged build runs Docker inside");
        }
        Optional<Long> maxSize = dev.kiln.model.Sizes.parse(cacheMaxSize);
        Optional<Duration> maxAge = CachePolicy.parseAge(cacheMaxAge);
        if (maxSize.isEmpty()) {
            throw new InvalidOptionException(
                    "--cache-max-size " + cacheMaxSize + ": use a size such as 500m, 10g or 1t");
        }
        if (maxAge.isEmpty()) {
            throw new InvalidOptionException("--cache-max-age " + cacheMaxAge + ": use an age such as 30d, 12h or 90m");
        }
        if (cacheNamespace != null && !cacheNamespace.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")) {
            throw new InvalidOptionException("--cache-namespace must start with a letter or digit and hold only"
                    + " letters, digits, '.', '-' and '_'");
        }
        if (noCache) {
            return Optional.empty();
        }
        try {
            String location =
                    cacheLocation == null ? state.cacheDirectory().toString() : BuildCommand.location(cacheLocation);
            return Optional.of(new CacheSettings(
                    new BuildCache(
                            ArtifactStores.fromLocation(location, env),
                            new CachePolicy(maxSize.get(), maxAge.get()),
                            Clock.systemUTC()),
                    cacheNamespace != null ? cacheNamespace : project,
                    dockerLayerCache));
        } catch (KitException e) {
            throw new InvalidOptionException("--cache: " + e.getMessage());
        }
    }

    /** Where git sources' clones are kept (LOCAL_SOURCE_CACHE), unless {@code --no-cache}. */
    Optional<Path> sourceCache(LocalState state) {
        return noCache ? Optional.empty() : Optional.of(state.sourceCacheDirectory());
    }
}
