package dev.kiln.model.buildspec;

import dev.kiln.model.build.PhaseType;
import java.util.List;
import java.util.Optional;

/**
 * A parsed and linted buildspec: the immutable plan the engine executes. Built only by {@link BuildspecParser}.
 *
 * @param file the file name it came from, for messages
 * @param version 0.1 or 0.2
 * @param runAs the Linux user for all commands; root when empty
 * @param env the env section
 * @param proxy the proxy section
 * @param batch the batch section
 * @param phases the command phases present, in execution order
 * @param reports report groups, in file order
 * @param artifacts the artifacts section
 * @param cache the cache section
 */
public record Buildspec(
        String file,
        BuildspecVersion version,
        Optional<String> runAs,
        BuildspecEnv env,
        Proxy proxy,
        Optional<Batch> batch,
        List<Phase> phases,
        List<ReportGroup> reports,
        Optional<Artifacts> artifacts,
        Optional<Cache> cache) {

    public Buildspec {
        phases = List.copyOf(phases);
        reports = List.copyOf(reports);
    }

    /** The phase of a type, if the buildspec has it. */
    public Optional<Phase> phase(PhaseType type) {
        return phases.stream().filter(p -> p.type() == type).findFirst();
    }

    /** The number of commands in all phases, {@code finally} included. */
    public int commandCount() {
        return phases.stream()
                .mapToInt(p -> p.commands().size() + p.finallyCommands().size())
                .sum();
    }
}
