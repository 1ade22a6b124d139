package dev.kiln.agent.cli;

import picocli.CommandLine.Command;

/** {@code kiln agent}: agents that take work from an orchestrator. */
@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        description = "Run an agent that takes jobs from a Kiln orchestrator.",
        subcommands = {AgentBuildCommand.class})
public final class AgentCommand implements Runnable {
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
