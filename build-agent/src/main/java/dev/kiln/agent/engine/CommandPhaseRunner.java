package dev.kiln.agent.engine;

import dev.kiln.model.build.PhaseType;
import dev.kiln.model.buildspec.Command;
import dev.kiln.model.buildspec.OnFailure;
import dev.kiln.model.buildspec.Phase;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Runs one of the four command phases: its commands until the first failure, then its {@code finally} commands,
 * retried while an {@code on-failure: RETRY...} allows. Logs {@code Entering phase}; the caller logs the end.
 */
final class CommandPhaseRunner {
    private final CommandRunner commands;
    private final BuildLog log;
    private final Optional<String> buildRunAs;
    private final RuntimeStage runtimes;

    CommandPhaseRunner(CommandRunner commands, BuildLog log, Optional<String> buildRunAs, RuntimeStage runtimes) {
        this.commands = commands;
        this.log = log;
        this.buildRunAs = buildRunAs;
        this.runtimes = runtimes;
    }

    PhaseOutcome run(PhaseType type, Optional<Phase> phase) {
        int retries = phase.flatMap(Phase::onFailure)
                .filter(f -> f.mode() == OnFailure.Mode.RETRY)
                .map(OnFailure::retries)
                .orElse(0);
        for (int attempt = 0; ; attempt++) {
            log.container("Entering phase " + type);
            if (phase.isEmpty()) {
                return PhaseOutcome.SUCCEEDED;
            }
            PhaseOutcome outcome = attempt(phase.get());
            if (outcome.succeeded() || outcome.isTerminal() || attempt >= retries || !matches(phase.get(), outcome)) {
                return outcome;
            }
            log.container("Phase context status code: " + outcome.context().statusCode() + " Message: "
                    + outcome.context().message());
            log.container("Retrying phase " + type + ": retry " + (attempt + 1) + " of " + retries);
        }
    }

    private PhaseOutcome attempt(Phase phase) {
        if (!phase.runtimeVersions().isEmpty()) {
            Optional<PhaseOutcome> failed = runtimes.install();
            if (failed.isPresent()) {
                return failed.get();
            }
        }
        Optional<String> runAs = phase.runAs().or(() -> buildRunAs);
        PhaseOutcome failure = null;
        for (Command command : phase.commands()) {
            PhaseOutcome outcome = commands.run(command, runAs);
            if (!outcome.succeeded()) {
                failure = outcome;
                break;
            }
        }
        if (failure != null && failure.isTerminal()) {
            return failure;
        }
        for (Command command : phase.finallyCommands()) {
            PhaseOutcome outcome = commands.run(command, runAs);
            if (!outcome.succeeded()) {
                if (failure == null || outcome.isTerminal()) {
                    failure = outcome;
                }
                break;
            }
        }
        return failure == null ? PhaseOutcome.SUCCEEDED : failure;
    }

    private static boolean matches(Phase phase, PhaseOutcome outcome) {
        Pattern pattern =
                phase.onFailure().flatMap(OnFailure::retryPattern).orElse(Pattern.compile(".*", Pattern.DOTALL));
        return pattern.matcher(outcome.context().message()).find()
                || pattern.matcher(outcome.output()).find();
    }
}
