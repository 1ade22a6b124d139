package dev.kiln.agent.cli;

import dev.kiln.agent.logging.KilnLogging;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kiln}: the entry point. */
@Command(
        name = "kiln",
        mixinStandardHelpOptions = true,
        versionProvider = KilnCli.Version.class,
        description = "Kiln: CodeBuild-compatible builds in fresh containers, and pipelines around them.",
        subcommands = {BuildCommand.class, LintCommand.class, AgentCommand.class, CommandLine.HelpCommand.class})
public final class KilnCli implements Runnable {
    /** Exit status for invalid input (bad flags, invalid buildspec). */
    public static final int EXIT_INVALID = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        org.slf4j.LoggerFactory.getILoggerFactory(); // logging set up (KILN_LOG_FORMAT, KILN_LOG_LEVEL) first
        installUncaughtHandler();
        System.exit(execute(args));
    }

    /** Prints uncaught exceptions, but not the one every build container's end causes in docker-java. */
    public static void installUncaughtHandler() {
        Thread.setDefaultUncaughtExceptionHandler(KilnCli::uncaught);
    }

    /**
     * docker-java's thread that copies a container's stdin fails with a closed channel when the container ends
     * first, which is how every build container ends: that one is expected and not printed.
     */
    private static void uncaught(Thread thread, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (thread.getName().startsWith("docker-java-httpclient5-hijacking-stream")
                && root instanceof java.nio.channels.ClosedChannelException) {
            return;
        }
        KilnLogging.events(KilnLogging.EVENTS).error("uncaught exception in thread {}", thread.getName(), e);
    }

    /**
     * Says why {@code line}'s command failed: {@code kiln runs list: MESSAGE} on its standard error, or an error
     * event when the process logs JSON lines (a server or agent in a container).
     */
    public static void fail(CommandLine line, String message) {
        String who = line.getCommandSpec().qualifiedName();
        if (KilnLogging.json()) {
            KilnLogging.events(KilnLogging.EVENTS).error("{}: {}", who, message);
        } else {
            line.getErr().println(who + ": " + message);
        }
    }

    /** Runs the command line and returns its exit status (for tests). */
    public static int execute(String... args) {
        return configure(new CommandLine(new KilnCli())).execute(args);
    }

    /** Kiln's conventions on a command line: exit 2 with a hint on bad flags. */
    public static CommandLine configure(CommandLine commandLine) {
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("kiln: " + e.getMessage());
            e.getCommandLine()
                    .getErr()
                    .println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return EXIT_INVALID;
        });
        return commandLine;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = KilnCli.class.getPackage().getImplementationVersion();
            return new String[] {"kiln " + (v == null ? "development build" : v)};
        }
    }
}
