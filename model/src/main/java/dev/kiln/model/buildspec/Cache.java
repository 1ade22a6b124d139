package dev.kiln.model.buildspec;

import java.util.List;
import java.util.Optional;

/**
 * The {@code cache} section.
 *
 * @param key a key evaluated by the build's shell; empty for an unkeyed cache
 * @param fallbackKeys prefixes tried in order when {@code key} has no entry
 * @param action restore only, save only, or both when empty
 * @param paths the paths to keep
 */
public record Cache(Optional<String> key, List<String> fallbackKeys, Optional<Action> action, List<String> paths) {

    /** {@code cache.action}. */
    public enum Action {
        RESTORE,
        SAVE
    }

    public Cache {
        fallbackKeys = List.copyOf(fallbackKeys);
        paths = List.copyOf(paths);
    }
}
