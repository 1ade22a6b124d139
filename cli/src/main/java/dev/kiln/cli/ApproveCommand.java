package dev.kiln.cli;

import dev.kiln.model.api.ApprovalDecision;
import dev.kiln.model.api.Run;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln approve RUN --stage S [--reject] [--comment C]}. */
@Command(
        name = "approve",
        mixinStandardHelpOptions = true,
        description = "Approve (or reject) the approval" + " waiting in a stage of a run.")
final class ApproveCommand implements Callable<Integer> {
    @Mixin
    ClientOptions options;

    @Parameters(paramLabel = "RUN")
    String run;

    @Option(names = "--stage", required = true, description = "The stage whose approval waits.")
    String stage;

    @Option(names = "--reject", description = "Reject instead: the action and the run fail.")
    boolean reject;

    @Option(names = "--comment", description = "A comment for the run's history.")
    @Nullable
    String comment;

    @Override
    public Integer call() {
        Run answered = options.client().decide(run, new ApprovalDecision(stage, !reject, comment));
        options.print(answered, () -> {
            System.out.println((reject ? "rejected" : "approved") + " stage " + stage + " of run " + run
                    + "; the run is " + answered.status().wireName());
        });
        return 0;
    }
}
