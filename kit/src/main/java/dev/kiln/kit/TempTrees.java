package dev.kiln.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Temporary directory trees. */
public final class TempTrees {
    private TempTrees() {}

    /** Deletes a temporary tree, best effort; null is ignored. Links are deleted, never followed. */
    public static void delete(@Nullable Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // temporary files: what is left is the system's to clean
        }
    }
}
