package dev.kiln.model.buildspec;

import dev.kiln.model.build.PhaseType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One command phase of a buildspec.
 *
 * @param type INSTALL, PRE_BUILD, BUILD or POST_BUILD
 * @param runAs the Linux user for this phase's commands, overriding the buildspec's
 * @param onFailure what a failure does; empty means CodeBuild's default transitions
 * @param runtimeVersions {@code runtime-versions} (INSTALL only), name to version, in file order
 * @param commands the commands, in order
 * @param finallyCommands the {@code finally} commands, run after {@code commands} even when one failed
 */
public record Phase(
        PhaseType type,
        Optional<String> runAs,
        Optional<OnFailure> onFailure,
        Map<String, String> runtimeVersions,
        List<Command> commands,
        List<Command> finallyCommands) {

    public Phase {
        runtimeVersions = Map.copyOf(runtimeVersions);
        commands = List.copyOf(commands);
        finallyCommands = List.copyOf(finallyCommands);
    }
}
