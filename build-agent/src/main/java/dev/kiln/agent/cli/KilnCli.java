package dev.kiln.agent.cli;

import dev.kiln.kit.cli.CommandLines;
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
    public static final int EXIT_INVALID = CommandLines.EXIT_INVALID;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        org.slf4j.LoggerFactory.getILoggerFactory(); // logging set up (KILN_LOG_FORMAT, KILN_LOG_LEVEL) first
        CommandLines.installUncaughtHandler();
        int status = execute(args);
        dev.kiln.kit.logging.KilnLogging.flush(); // what was said is written before the process ends
        System.exit(status);
    }

    /** Runs the command line and returns its exit status (for tests). */
    public static int execute(String... args) {
        return CommandLines.configure(new CommandLine(new KilnCli())).execute(args);
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
