package dev.kiln.agent.engine;

import dev.kiln.agent.backend.BuildEnvironment;
import dev.kiln.agent.shell.CommandResult;
import dev.kiln.agent.shell.EnvironmentLostException;
import dev.kiln.agent.shell.OutputSink;
import dev.kiln.agent.shell.ShellMode;
import dev.kiln.kit.Failures;
import dev.kiln.kit.KitException;
import dev.kiln.model.build.PhaseContext;
import dev.kiln.model.build.StatusType;
import dev.kiln.model.buildspec.BuildspecVersion;
import dev.kiln.model.buildspec.Command;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/** Runs single commands for the engine and turns every way they can end into a {@link PhaseOutcome}. */
final class CommandRunner {
    private static final int KEPT_OUTPUT_LINES = 50;

    private final BuildEnvironment env;
    private final BuildLog log;
    private final BuildControl control;
    private final Clock clock;
    private final Instant deadline;
    private final String shell;
    private final ShellMode mode;
    private final String memoryDescription;
    private boolean succeeding = true;

    CommandRunner(
            BuildEnvironment env,
            BuildLog log,
            BuildControl control,
            Clock clock,
            Instant deadline,
            String shell,
            BuildspecVersion version,
            String memoryDescription) {
        this.env = env;
        this.log = log;
        this.control = control;
        this.clock = clock;
        this.deadline = deadline;
        this.shell = shell;
        this.mode = version == BuildspecVersion.V0_1 ? ShellMode.FRESH : ShellMode.STATE;
        this.memoryDescription = memoryDescription;
    }

    /** From now on commands see {@code CODEBUILD_BUILD_SUCCEEDING=0}. */
    void markFailing() {
        succeeding = false;
    }

    boolean succeeding() {
        return succeeding;
    }

    /** Runs a buildspec command with CodeBuild's log lines. */
    PhaseOutcome run(Command command, Optional<String> runAs) {
        log.container("Running command " + command.display());
        Deque<String> tail = new ArrayDeque<>();
        OutputSink sink = (line, stderr) -> {
            log.line(line, stderr);
            if (tail.size() == KEPT_OUTPUT_LINES) {
                tail.removeFirst();
            }
            tail.addLast(line);
        };
        Execution execution = execute(command.text(), runAs, mode, sink);
        if (execution.ended() != null) {
            return execution.ended();
        }
        int exit = execution.exitCode();
        if (exit != 0) {
            log.container("Command did not exit successfully " + command.display() + " exit status " + exit);
            return new PhaseOutcome(
                    StatusType.FAILED,
                    new PhaseContext(
                            "COMMAND_EXECUTION_ERROR",
                            "Error while executing command: " + command.display() + ". Reason: exit status " + exit),
                    String.join("\n", tail));
        }
        return PhaseOutcome.SUCCEEDED;
    }

    /** Runs an internal set-up command that changes the build's saved shell state, whatever the buildspec version. */
    boolean setUp(String text) {
        StringBuilder ignored = new StringBuilder();
        Execution execution = execute(text, Optional.empty(), ShellMode.STATE, (line, stderr) -> ignored.append(line));
        return execution.ended() == null && execution.exitCode() == 0;
    }

    /**
     * Runs an internal command whose output is captured, not logged.
     *
     * @return the output lines joined by newlines, or empty if the command did not succeed
     */
    Optional<String> capture(String text) {
        StringBuilder out = new StringBuilder();
        OutputSink sink = (line, stderr) -> {
            if (!stderr) {
                if (out.length() > 0) {
                    out.append('\n');
                }
                out.append(line);
            }
        };
        Execution execution = execute(text, Optional.empty(), mode, sink);
        return execution.ended() == null && execution.exitCode() == 0 ? Optional.of(out.toString()) : Optional.empty();
    }

    /**
     * How running text went: either it ran to an exit status, or the build ended under it.
     *
     * @param exitCode the exit status, when {@code ended} is null
     * @param ended FAULT, TIMED_OUT or STOPPED when the command could not run to its end
     */
    private record Execution(int exitCode, @Nullable PhaseOutcome ended) {}

    private Execution execute(String text, Optional<String> runAs, ShellMode shellMode, OutputSink sink) {
        StatusType reason = control.reason();
        if (reason != null) {
            return new Execution(-1, outside(reason));
        }
        Duration remaining = Duration.between(clock.instant(), deadline);
        if (remaining.isNegative() || remaining.isZero()) {
            control.timeout();
            return new Execution(-1, outside(StatusType.TIMED_OUT));
        }
        try {
            CommandResult result = env.run(shell, runAs, succeeding, shellMode, text, sink, remaining);
            if (result.outOfMemory()) {
                return new Execution(
                        -1,
                        PhaseOutcome.of(
                                StatusType.FAULT,
                                "OUT_OF_MEMORY",
                                "the build ran out of memory (" + memoryDescription
                                        + "); the kernel killed a process. Use a larger compute type."));
            }
            return new Execution(result.exitCode(), null);
        } catch (TimeoutException e) {
            control.timeout();
            return new Execution(-1, outside(StatusType.TIMED_OUT));
        } catch (EnvironmentLostException e) {
            StatusType outsideReason = control.reason();
            if (outsideReason != null) {
                return new Execution(-1, outside(outsideReason));
            }
            return new Execution(-1, PhaseOutcome.of(StatusType.FAULT, e.statusCode(), Failures.message(e)));
        } catch (KitException e) {
            StatusType status = "CLIENT_ERROR".equals(e.statusCode()) ? StatusType.FAILED : StatusType.FAULT;
            log.container(Failures.message(e));
            return new Execution(-1, PhaseOutcome.of(status, e.statusCode(), Failures.message(e)));
        } catch (RuntimeException e) {
            StatusType outsideReason = control.reason();
            if (outsideReason != null) {
                return new Execution(-1, outside(outsideReason));
            }
            return new Execution(
                    -1,
                    PhaseOutcome.of(
                            StatusType.FAULT,
                            "INTERNAL_ERROR",
                            "Kiln failed while running a command: " + e.getMessage()));
        }
    }

    private PhaseOutcome outside(StatusType reason) {
        if (reason == StatusType.TIMED_OUT) {
            return PhaseOutcome.of(StatusType.TIMED_OUT, "BUILD_TIMED_OUT", "Build has timed out.");
        }
        return PhaseOutcome.of(StatusType.STOPPED, "BUILD_STOPPED", "Build was stopped.");
    }
}
