package dev.kiln.agent.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files under a directory on this machine: the default for {@code kiln build}. */
public final class LocalDirectoryArtifactStore implements ArtifactStore {
    private final Path root;

    /** A store rooted at {@code root} (created on first write). */
    public LocalDirectoryArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    private Path path(String key) {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || key.startsWith("/")) {
            throw new StoreException("artifact key '" + key + "' leaves the artifact directory", null);
        }
        return p;
    }

    @Override
    public String put(String key, Path file) {
        Path target = path(key);
        try {
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target.toString();
        } catch (IOException e) {
            throw new StoreException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream get(String key) {
        try {
            return Files.newInputStream(path(key));
        } catch (IOException e) {
            throw new StoreException("cannot read " + path(key) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String location(String key) {
        return path(key).toString();
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
