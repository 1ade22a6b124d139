package dev.kiln.agent.engine;

import dev.kiln.agent.backend.BuildEnvironment;
import dev.kiln.agent.cache.LocalCustomCache;
import dev.kiln.model.buildspec.Cache;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * LOCAL_CUSTOM_CACHE: restores each {@code cache.paths} directory at the end of DOWNLOAD_SOURCE and saves it after
 * the command phases, logging what was restored and saved, with sizes and times. A cache problem is logged and never
 * fails the build.
 */
final class CacheStage {
    private final LocalCustomCache cache;
    private final String project;
    private final BuildEnvironment env;
    private final BuildLog log;

    CacheStage(LocalCustomCache cache, String project, BuildEnvironment env, BuildLog log) {
        this.cache = cache;
        this.project = project;
        this.env = env;
        this.log = log;
    }

    /**
     * One cached directory: its key is the path as the buildspec writes it (the source directory's name changes
     * from build to build), its directory where it is in this build.
     *
     * @param key the path as written, without its trailing glob
     * @param directory the absolute directory in this build
     */
    record CachedDirectory(String key, String directory) {}

    /** The directories a cache section names; patterns other than a directory (with {@code /**}) are skipped. */
    List<CachedDirectory> directories(Cache section) {
        List<CachedDirectory> out = new ArrayList<>();
        for (String pattern : section.paths()) {
            String dir = pattern.replaceAll("(/\\*\\*(/\\*)?|/\\*)$", "").replaceAll("/+$", "");
            if (dir.isEmpty() || dir.matches(".*[*?\\[].*")) {
                log.container("Cache path " + pattern + " is not a directory (use dir or dir/**/*); not cached");
                continue;
            }
            out.add(new CachedDirectory(dir, dir.startsWith("/") ? dir : env.sourceDirectory() + "/" + dir));
        }
        return out;
    }

    void restore(Cache section) {
        if (section.key().isPresent()) {
            log.container("cache.key is not supported yet; using the project's local cache for cache.paths");
        }
        for (CachedDirectory cached : directories(section)) {
            String dir = cached.directory();
            long start = System.nanoTime();
            try {
                Optional<InputStream> entry = cache.open(project, cached.key());
                if (entry.isEmpty()) {
                    log.container("No cache for " + dir + " yet");
                    continue;
                }
                try (InputStream tar = entry.get()) {
                    env.putTree(tar, parent(dir));
                }
                log.container("Restored cache " + dir + " ("
                        + size(cache.size(project, cached.key()).orElse(0L)) + " in "
                        + (System.nanoTime() - start) / 1_000_000
                        + " ms)");
            } catch (IOException | RuntimeException e) {
                log.container("Cache for " + dir + " not restored: " + e.getMessage());
            }
        }
    }

    void save(Cache section) {
        for (CachedDirectory cached : directories(section)) {
            String dir = cached.directory();
            long start = System.nanoTime();
            try (InputStream tree = env.readTree(dir)) {
                long bytes = cache.save(project, cached.key(), tree);
                log.container("Saved cache " + dir + " (" + size(bytes) + " in "
                        + (System.nanoTime() - start) / 1_000_000 + " ms)");
            } catch (IOException | RuntimeException e) {
                log.container("Cache for " + dir + " not saved: " + e.getMessage());
            }
        }
    }

    private static String parent(String dir) {
        int slash = dir.lastIndexOf('/');
        return slash <= 0 ? "/" : dir.substring(0, slash);
    }

    private static String size(long bytes) {
        return bytes < 1024 * 1024
                ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
