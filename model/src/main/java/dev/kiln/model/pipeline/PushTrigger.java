package dev.kiln.model.pipeline;

import java.util.List;

/**
 * {@code on.push}: which pushes start a run. Globs, where {@code *} stays within a path segment and {@code **}
 * crosses them; an empty list of branches and tags means every branch.
 *
 * @param branches branch globs
 * @param tags tag globs
 * @param paths changed-path globs of which at least one must match, or empty for any change
 * @param pathsIgnore changed-path globs that, when every changed path matches one, start nothing
 */
public record PushTrigger(List<String> branches, List<String> tags, List<String> paths, List<String> pathsIgnore) {
    /** Every push to every branch. */
    public static final PushTrigger EVERY_BRANCH = new PushTrigger(List.of(), List.of(), List.of(), List.of());

    public PushTrigger {
        branches = List.copyOf(branches);
        tags = List.copyOf(tags);
        paths = List.copyOf(paths);
        pathsIgnore = List.copyOf(pathsIgnore);
    }
}
