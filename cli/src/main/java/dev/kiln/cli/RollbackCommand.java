package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln rollback ENVIRONMENT [--to DEPLOYMENT]}. */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = {
            "Deploy an earlier revision again: by default the one that succeeded before the live one.",
            "Hosts keep their last releases, so no upload is needed when they still have it."
        })
final class RollbackCommand implements Callable<Integer> {
    @Mixin
    ClientOptions options;

    @Parameters(paramLabel = "ENVIRONMENT")
    String environment;

    @Option(names = "--to", paramLabel = "DEPLOYMENT", description = "The successful deployment to go back to.")
    String to;

    @Override
    public Integer call() {
        JsonNode d = options.client()
                .post(
                        "/api/v1/environments/" + EnvironmentsCommand.encode(environment) + "/rollback",
                        to == null ? Map.of() : Map.of("to", to));
        options.print(
                d,
                () -> System.out.println("rolling back " + environment + " to the revision of "
                        + d.path("redeployOf").asText() + " as " + d.path("id").asText()
                        + " (queued); follow it with 'kiln"
                        + " deployments show " + d.path("id").asText() + "'"));
        return 0;
    }
}
