package dev.kiln.orchestrator.trigger;

import dev.kiln.model.glob.Glob;
import dev.kiln.model.pipeline.PushTrigger;
import java.util.List;

/**
 * The pipeline's {@code on.push}: whether a push starts a run. Branch and tag globs match whole names
 * ({@code release/*} takes {@code release/1.0}, not {@code release/1.0/fix}); without any, every branch and no tag
 * does. On a branch with path filters, a push starts a run when one changed path is in {@code paths} (or there are
 * none) and not in {@code paths-ignore}: excludes win over includes, as in CodePipeline. Tags are not filtered by
 * paths.
 */
public final class TriggerFilter {
    private TriggerFilter() {}

    /**
     * Whether a push of {@code event} starts a run.
     *
     * @param changedPaths the paths the push changed (from the payload or from git)
     */
    public static boolean starts(PushTrigger trigger, PushEvent event, List<String> changedPaths) {
        if (event.deletion()) {
            return false;
        }
        if (event.tag().isPresent()) {
            return any(trigger.tags(), event.tag().get());
        }
        if (event.branch().isEmpty()) {
            return false;
        }
        boolean everyBranch = trigger.branches().isEmpty() && trigger.tags().isEmpty();
        if (!everyBranch && !any(trigger.branches(), event.branch().get())) {
            return false;
        }
        if (trigger.paths().isEmpty() && trigger.pathsIgnore().isEmpty()) {
            return true;
        }
        // a changed path counts when it is included (or there is no include) and not excluded: excludes win
        return changedPaths.stream()
                .anyMatch(p -> (trigger.paths().isEmpty() || anyPath(trigger.paths(), p))
                        && !anyPath(trigger.pathsIgnore(), p));
    }

    private static boolean any(List<String> globs, String name) {
        return globs.stream().anyMatch(g -> Glob.compile(g).matchesWhole(name));
    }

    private static boolean anyPath(List<String> globs, String path) {
        return globs.stream().anyMatch(g -> Glob.compile(g).matches(path));
    }
}
