package dev.kiln.cli;

import dev.kiln.model.api.Deployment;
import dev.kiln.model.api.RollbackRequest;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
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
    @Nullable
    String to;

    @Override
    public Integer call() {
        Deployment d = options.client().rollback(environment, new RollbackRequest(to));
        options.print(
                d,
                () -> System.out.println("rolling back " + environment + " to the revision of " + d.redeployOf()
                        + " as " + d.id() + " (queued); follow it with 'kiln deployments show " + d.id() + "'"));
        return 0;
    }
}
