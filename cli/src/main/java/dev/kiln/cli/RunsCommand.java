package dev.kiln.cli;

import dev.kiln.model.api.NewRun;
import dev.kiln.model.api.RetryStage;
import dev.kiln.model.api.Run;
import dev.kiln.model.api.StopRun;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln runs list|show|start|stop|retry}. */
@Command(
        name = "runs",
        mixinStandardHelpOptions = true,
        description = "List, show, start, stop and retry pipeline runs.",
        subcommands = {
            RunsCommand.List.class,
            RunsCommand.Show.class,
            RunsCommand.Start.class,
            RunsCommand.Stop.class,
            RunsCommand.Retry.class
        })
final class RunsCommand implements Runnable {
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Runs, newest first.")
    static final class List implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Option(names = "--pipeline", description = "Only this pipeline's runs.")
        @Nullable
        String pipeline;

        @Option(names = "--limit", description = "At most this many (default 20).")
        int limit = 20;

        @Override
        public Integer call() {
            java.util.List<Run> runs = options.client().runs(Optional.ofNullable(pipeline), limit);
            if (options.json()) {
                ClientOptions.printJson(runs);
                return 0;
            }
            if (runs.isEmpty()) {
                System.out.println("no runs yet");
            }
            for (Run run : runs) {
                System.out.println(RunText.line(run));
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A run: stages, actions, history.")
    static final class Show implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(paramLabel = "RUN")
        String run;

        @Override
        public Integer call() {
            Run found = options.client().run(run);
            options.print(found, () -> {
                RunText.print(found);
            });
            return 0;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a run of a pipeline by hand.")
    static final class Start implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(paramLabel = "PIPELINE", description = "A pipeline or repository name.")
        String pipeline;

        @Option(names = "--ref", description = "A branch, tag or commit (default: the repository's branch).")
        @Nullable
        String ref;

        @Override
        public Integer call() {
            Run started = options.client().startRun(new NewRun(pipeline, ref));
            options.print(started, () -> {
                System.out.println(
                        "started run " + started.id() + " of " + pipeline + " at " + started.sourceRevision());
                System.out.println("follow it with: kiln logs " + started.id() + " --follow");
            });
            return 0;
        }
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = {
                "Stop a run: running actions finish, nothing new starts.",
                "With --abandon, running actions are abandoned at once."
            })
    static final class Stop implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(paramLabel = "RUN")
        String run;

        @Option(names = "--abandon", description = "Abandon running actions.")
        boolean abandon;

        @Option(names = "--reason", description = "Why, for the run's history.")
        @Nullable
        String reason;

        @Override
        public Integer call() {
            Run stopped = options.client().stopRun(run, new StopRun(abandon, reason));
            options.print(stopped, () -> {
                System.out.println("run " + run + " is " + stopped.status().wireName());
            });
            return 0;
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true, description = "Retry a failed stage of a run.")
    static final class Retry implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(paramLabel = "RUN")
        String run;

        @Option(names = "--stage", required = true, description = "The failed stage.")
        String stage;

        @Option(names = "--all-actions", description = "Run every action again, not only the failed ones.")
        boolean all;

        @Override
        public Integer call() {
            Run retried = options.client().retry(run, new RetryStage(stage, all));
            options.print(retried, () -> {
                System.out.println("retrying stage " + stage + " of run " + run);
            });
            return 0;
        }
    }
}
