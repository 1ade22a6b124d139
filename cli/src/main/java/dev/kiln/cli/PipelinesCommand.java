package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
            JsonNode pipelines = options.client().get("/api/v1/pipelines");
            if (options.json()) {
                ClientOptions.printJson(pipelines);
                return 0;
            }
            for (JsonNode pipeline : pipelines) {
                System.out.printf(
                        "%-20s %s%n",
                        pipeline.path("name").asText(),
                        pipeline.path("repository").asText());
            }
            return 0;
        }
    }
}
