package dev.kiln.cli;

import dev.kiln.model.api.Deployment;
import dev.kiln.model.api.StopDeployment;
import dev.kiln.model.deploy.EventReport;
import dev.kiln.model.deploy.HostReport;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
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
    private static boolean empty(String text) {
        return text == null || text.isEmpty();
    }

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
        @Nullable
        String environment;

        @Option(names = "--limit", description = "At most this many (default 20).")
        int limit = 20;

        @Override
        public Integer call() {
            java.util.List<Deployment> all =
                    options.client().deployments(environment == null ? "" : environment, limit);
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
            Deployment d = options.client().deployment(id);
            options.print(d, () -> {
                System.out.println(EnvironmentText.deployment(d));
                if (!empty(d.errorCode())) {
                    System.out.println("  error code " + d.errorCode());
                }
                for (HostReport h : d.hosts()) {
                    System.out.println("  " + h.host() + "  " + h.status().wireName()
                            + (empty(h.message()) ? "" : "  " + h.message()));
                    for (EventReport e : h.events()) {
                        System.out.println(
                                "    " + e.event() + "  " + e.status().wireName()
                                        + (empty(e.errorCode()) ? "" : "  " + e.errorCode())
                                        + (empty(e.message()) ? "" : "  " + e.message()));
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
            Deployment d = options.client().stopDeployment(id, new StopDeployment(!noRollback));
            options.print(
                    d,
                    () -> System.out.println("stopping " + d.id() + " in " + d.environment()
                            + (noRollback ? "; no rollback" : "") + "; follow it with 'kiln deployments show "
                            + d.id() + "'"));
            return 0;
        }
    }
}
