package dev.kiln.agent.engine;

import dev.kiln.agent.backend.BuildEnvironment;
import dev.kiln.agent.cache.BuildCache;
import dev.kiln.agent.cache.CacheManifest;
import dev.kiln.agent.cache.CorruptCacheEntryException;
import dev.kiln.kit.TempTrees;
import dev.kiln.model.buildspec.Cache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The buildspec's {@code cache}: restores its {@code paths} at the end of DOWNLOAD_SOURCE and saves them after the
 * command phases. {@code key} is evaluated by the build's shell (with {@code codebuild-hash-files} on the path);
 * without a key, the project's own entry is restored and replaced. The log says what was restored and saved, with
 * keys, sizes and times. A cache problem is logged and never fails the build.
 */
final class CacheStage {
    private final CacheSettings settings;
    private final String project;
    private final BuildEnvironment env;
    private final CommandRunner commands;
    private final BuildLog log;

    CacheStage(CacheSettings settings, String project, BuildEnvironment env, CommandRunner commands, BuildLog log) {
        this.settings = settings;
        this.project = project;
        this.env = env;
        this.commands = commands;
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
        if (section.action().orElse(null) == Cache.Action.SAVE) {
            log.container("cache.action is save: nothing restored");
            return;
        }
        Optional<String> key = key(section);
        if (section.key().isPresent() && key.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        List<CachedDirectory> dirs = directories(section);
        Path temp = null;
        try {
            Optional<BuildCache.Found> found = settings.cache().find(namespace(key), key, section.fallbackKeys());
            if (found.isEmpty()) {
                log.container(key.map(k -> "No cache entry for key " + k
                                        + (section.fallbackKeys().isEmpty()
                                                ? ""
                                                : " or fallback keys " + String.join(", ", section.fallbackKeys())))
                                .orElse("No cache for this project yet")
                        + "; nothing restored");
                return;
            }
            CacheManifest manifest = found.get().manifest();
            temp = Files.createTempDirectory("kiln-cache-");
            Map<String, Path> files = settings.cache()
                    .download(
                            found.get(), dirs.stream().map(CachedDirectory::key).toList(), temp);
            List<String> restored = new ArrayList<>();
            for (CachedDirectory dir : dirs) {
                Path tar = files.get(dir.key());
                if (tar == null) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(tar)) {
                    env.putTree(in, parent(dir.directory()));
                }
                restored.add(dir.directory() + " " + size(Files.size(tar)));
            }
            String which = BuildCache.describe(found.get())
                    + (key.isPresent() && !manifest.optionalKey().equals(key) ? " (fallback)" : "");
            log.container("Restored cache " + which + " from " + settings.cache() + ": "
                    + (restored.isEmpty() ? "none of this build's paths" : String.join(", ", restored)) + " in "
                    + millis(start) + " ms");
        } catch (CorruptCacheEntryException e) {
            log.container("Cache not restored: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.container("Cache not restored: " + e.getMessage());
        } finally {
            TempTrees.delete(temp);
        }
    }

    void save(Cache section, boolean succeeded) {
        if (section.action().orElse(null) == Cache.Action.RESTORE) {
            log.container("cache.action is restore: nothing saved");
            return;
        }
        Optional<String> key = key(section);
        if (section.key().isPresent() && key.isEmpty()) {
            return;
        }
        if (key.isPresent() && !succeeded) {
            log.container("Cache not saved: the build did not succeed, and an entry under key " + key.get()
                    + " could never be replaced");
            return;
        }
        if (key.isPresent() && existing(key.get())) {
            log.container("Cache entry for key " + key.get()
                    + " exists; a keyed entry is never replaced, so nothing was saved");
            return;
        }
        long start = System.nanoTime();
        Path temp = null;
        try {
            temp = Files.createTempDirectory("kiln-cache-");
            Map<String, Path> parts = new LinkedHashMap<>();
            List<String> saved = new ArrayList<>();
            for (CachedDirectory dir : directories(section)) {
                Path tar = temp.resolve(parts.size() + ".tar");
                try (InputStream tree = env.readTree(dir.directory())) {
                    BuildCache.write(tree, tar);
                } catch (IOException | RuntimeException e) {
                    log.container("Cache path " + dir.directory() + " not saved: " + e.getMessage());
                    continue;
                }
                parts.put(dir.key(), tar);
                saved.add(dir.directory() + " " + size(Files.size(tar)));
            }
            if (parts.isEmpty()) {
                log.container("Cache not saved: none of its paths exist");
                return;
            }
            Optional<CacheManifest> manifest = settings.cache().save(namespace(key), key, parts);
            if (manifest.isEmpty()) {
                log.container("Cache entry for key " + key.orElseThrow()
                        + " exists; a keyed entry is never replaced, so nothing was saved");
                return;
            }
            log.container("Saved cache " + key.map(k -> "key " + k).orElse("for this project") + " to "
                    + settings.cache() + ": " + String.join(", ", saved) + " in " + millis(start) + " ms");
            BuildCache.Eviction eviction = settings.cache().evict(settings.scope());
            if (eviction.entries() > 0) {
                log.container("Evicted " + eviction.entries() + " cache entries (" + size(eviction.bytes())
                        + "); the cache holds " + eviction.kept() + " (" + size(eviction.keptBytes()) + ")");
            }
        } catch (IOException | RuntimeException e) {
            log.container("Cache not saved: " + e.getMessage());
        } finally {
            TempTrees.delete(temp);
        }
    }

    private boolean existing(String key) {
        try {
            return settings.cache().exists(settings.namespace(), key);
        } catch (RuntimeException e) {
            return false; // the save below says what is wrong with the store
        }
    }

    /** Unkeyed entries belong to the project; keyed ones to the namespace, which projects may share. */
    private String namespace(Optional<String> key) {
        return key.isPresent() ? settings.namespace() : settings.unkeyed(project);
    }

    /** The key as the build's shell evaluates it; empty for an unkeyed cache or when it cannot be evaluated. */
    private Optional<String> key(Cache section) {
        if (section.key().isEmpty()) {
            return Optional.empty();
        }
        String script = "(\n"
                + "kiln_bin=$(mktemp -d) || exit 1\n"
                + "cat > \"$kiln_bin/codebuild-hash-files\" <<'KILN_HELPER'\n"
                + "#!/bin/sh\n"
                + "for f in \"$@\"; do if [ -f \"$f\" ]; then sha256sum \"$f\"; fi; done | sort | sha256sum"
                + " | cut -c1-64\n"
                + "KILN_HELPER\n"
                + "chmod +x \"$kiln_bin/codebuild-hash-files\"\n"
                + "PATH=\"$kiln_bin:$PATH\"\n"
                + "cat <<KILN_KEY\n"
                + section.key().get() + "\n"
                + "KILN_KEY\n"
                + "status=$?\n"
                + "rm -rf \"$kiln_bin\"\n"
                + "exit $status\n"
                + ")";
        Optional<String> value = commands.capture(script).map(String::strip);
        if (value.isEmpty() || value.get().isEmpty() || value.get().contains("\n")) {
            log.container("Cache key " + section.key().get()
                    + " did not evaluate to one non-empty line; the cache is not used");
            return Optional.empty();
        }
        if (value.get().length() > 256) {
            log.container("Cache key " + value.get().substring(0, 40) + "... is over 256 characters; the cache"
                    + " is not used");
            return Optional.empty();
        }
        return value;
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String parent(String dir) {
        int slash = dir.lastIndexOf('/');
        return slash <= 0 ? "/" : dir.substring(0, slash);
    }

    static String size(long bytes) {
        return bytes < 1024 * 1024
                ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
