package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln deployments list|show|stop}. */
@Command(
        name = "deployments",
        mixinStandardHelpOptions = true,
        description = "List, show and stop deployments, with each host's lifecycle events.",
        subcommands = {DeploymentsCommand.List.class, DeploymentsCommand.Show.class, DeploymentsCommand.Stop.class})
final class DeploymentsCommand implements Runnable {
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Deployments, newest first.")
    static final class List implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Option(names = "--environment", paramLabel = "NAME", description = "Only this environment's.")
        String environment;

        @Option(names = "--limit", description = "At most this many (default 20).")
        int limit = 20;

        @Override
        public Integer call() {
            JsonNode all = options.client()
                    .get("/api/v1/deployments?limit=" + limit
                            + (environment == null ? "" : "&environment=" + EnvironmentsCommand.encode(environment)));
            options.print(all, () -> {
                if (all.isEmpty()) {
                    System.out.println("no deployments yet");
                }
                all.forEach(d -> System.out.println(EnvironmentText.deployment(d)));
            });
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A deployment, host by host.")
    static final class Show implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(paramLabel = "DEPLOYMENT")
        String id;

        @Override
        public Integer call() {
            JsonNode d = options.client().get("/api/v1/deployments/" + EnvironmentsCommand.encode(id));
            options.print(d, () -> {
                System.out.println(EnvironmentText.deployment(d));
                if (!d.path("errorCode").asText().isEmpty()) {
                    System.out.println("  error code " + d.path("errorCode").asText());
                }
                for (JsonNode h : d.path("hosts")) {
                    System.out.println("  " + h.path("host").asText() + "  "
                            + h.path("status").asText()
                            + (h.path("message").asText().isEmpty()
                                    ? ""
                                    : "  " + h.path("message").asText()));
                    for (JsonNode e : h.path("events")) {
                        System.out.println("    " + e.path("event").asText() + "  "
                                + e.path("status").asText()
                                + (e.path("errorCode").asText().isEmpty()
                                        ? ""
                                        : "  " + e.path("errorCode").asText())
                                + (e.path("message").asText().isEmpty()
                                        ? ""
                                        : "  " + e.path("message").asText()));
                    }
                }
            });
            return 0;
        }
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = {
                "Stop a deployment in progress (CodeDeploy's StopDeployment): a host in the middle of its lifecycle"
                        + " events finishes them, the rest are Skipped, the deployment ends Stopped and its deploy"
                        + " action Failed.",
                "The hosts it touched roll back to the last successful revision, unless --no-rollback or the"
                        + " environment has no automatic rollback."
            })
    static final class Stop implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(paramLabel = "DEPLOYMENT")
        String id;

        @Option(names = "--no-rollback", description = "Leave the hosts as the stop finds them.")
        boolean noRollback;

        @Override
        public Integer call() {
            JsonNode d = options.client()
                    .post(
                            "/api/v1/deployments/" + EnvironmentsCommand.encode(id) + "/stop",
                            java.util.Map.of("rollback", !noRollback));
            options.print(
                    d,
                    () -> System.out.println("stopping " + d.path("id").asText() + " in "
                            + d.path("environment").asText() + (noRollback ? "; no rollback" : "")
                            + "; follow it with 'kiln deployments show "
                            + d.path("id").asText() + "'"));
            return 0;
        }
    }
}
