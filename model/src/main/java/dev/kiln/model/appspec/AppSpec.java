package dev.kiln.model.appspec;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A revision's deployment plan, compiled from its {@code appspec.yml}. Immutable.
 *
 * @param file the file it was read from, for messages
 * @param files what Install copies, in order
 * @param fileExistsBehavior what to do with files already in the way, if the appspec says
 * @param permissions what Install sets on installed files
 * @param hooks each event's scripts, in the order they run
 */
public record AppSpec(
        String file,
        List<FileMapping> files,
        Optional<FileExistsBehavior> fileExistsBehavior,
        List<Permission> permissions,
        Map<LifecycleEvent, List<Hook>> hooks) {

    public AppSpec {
        files = List.copyOf(files);
        permissions = List.copyOf(permissions);
        EnumMap<LifecycleEvent, List<Hook>> copy = new EnumMap<>(LifecycleEvent.class);
        hooks.forEach((event, list) -> copy.put(event, List.copyOf(list)));
        hooks = java.util.Collections.unmodifiableMap(copy);
    }

    /** The scripts of an event, none when it has no hooks. */
    public List<Hook> hooks(LifecycleEvent event) {
        return hooks.getOrDefault(event, List.of());
    }
}
