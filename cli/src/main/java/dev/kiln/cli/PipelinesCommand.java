package dev.kiln.cli;

import dev.kiln.model.api.PipelineSummary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kiln pipelines list}. */
@Command(
        name = "pipelines",
        mixinStandardHelpOptions = true,
        description = "The pipelines the orchestrator knows.",
        subcommands = {PipelinesCommand.List.class})
final class PipelinesCommand implements Runnable {
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Pipelines and their repositories.")
    static final class List implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            java.util.List<PipelineSummary> pipelines = options.client().pipelines();
            if (options.json()) {
                ClientOptions.printJson(pipelines);
                return 0;
            }
            for (PipelineSummary pipeline : pipelines) {
                System.out.printf("%-20s %s%n", pipeline.name(), pipeline.repository());
            }
            return 0;
        }
    }
}
