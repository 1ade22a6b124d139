package dev.kiln.kit.cli;

import dev.kiln.kit.logging.KilnLogging;
import picocli.CommandLine;

/** Kiln's conventions on a command line, the same in every program: exit codes, errors, uncaught exceptions. */
public final class CommandLines {
    /** Exit status for invalid input (bad flags, invalid buildspec). */
    public static final int EXIT_INVALID = 2;

    private CommandLines() {}

    /** Prints uncaught exceptions, but not the one every build container's end causes in docker-java. */
    public static void installUncaughtHandler() {
        Thread.setDefaultUncaughtExceptionHandler(CommandLines::uncaught);
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
}
