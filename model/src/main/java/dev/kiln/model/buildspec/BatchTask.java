package dev.kiln.model.buildspec;

import java.util.List;
import java.util.Optional;

/**
 * One task of a {@code build-list} or {@code build-graph}.
 *
 * @param identifier the task's identifier ({@code CODEBUILD_BATCH_BUILD_IDENTIFIER})
 * @param buildspec another buildspec for this task
 * @param debugSession whether to start a debug session
 * @param env environment overrides
 * @param ignoreFailure whether the batch may succeed when this task fails
 * @param dependOn identifiers this task waits for ({@code build-graph} only)
 */
public record BatchTask(
        String identifier,
        Optional<String> buildspec,
        boolean debugSession,
        BatchEnv env,
        boolean ignoreFailure,
        List<String> dependOn) {
    public BatchTask {
        dependOn = List.copyOf(dependOn);
    }
}
