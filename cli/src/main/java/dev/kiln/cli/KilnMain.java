package dev.kiln.cli;

import dev.kiln.agent.cli.AgentCommand;
import dev.kiln.agent.cli.BuildCommand;
import dev.kiln.agent.cli.LintCommand;
import dev.kiln.client.ApiRefusedException;
import dev.kiln.client.ClientException;
import dev.kiln.deploy.cli.AgentDeployCommand;
import dev.kiln.deploy.cli.DeployCommand;
import dev.kiln.kit.Failures;
import dev.kiln.kit.KitException;
import dev.kiln.kit.cli.CommandLines;
import dev.kiln.orchestrator.OrchestratorException;
import dev.kiln.orchestrator.cli.BackupCommand;
import dev.kiln.orchestrator.cli.ObjectStoreCommand;
import dev.kiln.orchestrator.cli.ServerCommand;
import dev.kiln.ui.UiException;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kiln}: every command, the build agent's and the orchestrator's. */
@Command(
        name = "kiln",
        mixinStandardHelpOptions = true,
        versionProvider = KilnMain.Version.class,
        description = "Kiln: pipelines from your repository, CodeBuild-compatible builds in fresh containers.")
public final class KilnMain implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        CommandLines.installUncaughtHandler();
        org.slf4j.LoggerFactory
                .getILoggerFactory(); // logging set up (KILN_LOG_FORMAT, KILN_LOG_LEVEL) before libraries
        int status = execute(args);
        if (args.length > 0
                && java.util.Set.of("up", "server", "ui", "object-store").contains(args[0])
                && status == 0) {
            return; // shutdown hooks are running
        }
        dev.kiln.kit.logging.KilnLogging.flush(); // what was said is written before the process ends
        System.exit(status);
    }

    /**
     * The command that runs {@code kiln ARGS} in a new JVM on this one's class path: how {@code kiln up} starts its
     * agents (and tests start processes of their own).
     */
    public static java.util.List<String> command(String... args) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                KilnMain.class.getName()));
        command.addAll(java.util.List.of(args));
        return command;
    }

    /** Runs the command line and returns its status (for tests). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Every command, built (options of a command and its mixins are checked here: a clash fails at once). */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new KilnMain())
                .addSubcommand(new BuildCommand())
                .addSubcommand(new LintCommand())
                .addSubcommand(new AgentCommand())
                .addSubcommand(new UpCommand())
                .addSubcommand(new ServerCommand())
                .addSubcommand(new ObjectStoreCommand())
                .addSubcommand(new BackupCommand())
                .addSubcommand(new BackupCommand.Restore())
                .addSubcommand(new ReposCommand())
                .addSubcommand(new UsersCommand())
                .addSubcommand(new PipelinesCommand())
                .addSubcommand(new RunsCommand())
                .addSubcommand(new ApproveCommand())
                .addSubcommand(new LogsCommand())
                .addSubcommand(new AgentsCommand())
                .addSubcommand(new CommandLine.HelpCommand());
        Objects.requireNonNull(commandLine.getSubcommands().get("agent"), "the build agent's commands have agent")
                .addSubcommand(new AgentDeployCommand());
        commandLine.addSubcommand(new DeployCommand());
        commandLine.addSubcommand(new EnvironmentsCommand());
        commandLine.addSubcommand(new DeploymentsCommand());
        commandLine.addSubcommand(new RollbackCommand());
        commandLine.addSubcommand(new UiCommand());
        CommandLines.configure(commandLine);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ApiCallException call) {
                CommandLines.fail(line, Failures.message(call));
                return call.exitCode();
            }
            if (e instanceof ApiRefusedException refused) {
                CommandLines.fail(line, Failures.message(refused));
                return ApiCallException.exitCode(refused.status());
            }
            if (e instanceof ClientException unreachable) {
                CommandLines.fail(line, Failures.message(unreachable));
                return 1;
            }
            if (e instanceof OrchestratorException || e instanceof KitException || e instanceof UiException) {
                CommandLines.fail(line, Failures.message(e));
                return 1;
            }
            throw e;
        });
        return commandLine;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = KilnMain.class.getPackage().getImplementationVersion();
            return new String[] {"kiln " + (v == null ? "development build" : v)};
        }
    }
}
