package dev.kiln.cli;

import dev.kiln.client.KilnClient;
import dev.kiln.model.api.Agent;
import dev.kiln.model.api.AgentToken;
import dev.kiln.model.api.DrainAgent;
import dev.kiln.model.api.NewAgentToken;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kiln agents list|drain|remove}, {@code kiln agents tokens create}. */
@Command(
        name = "agents",
        mixinStandardHelpOptions = true,
        description = "The agents connected to the orchestrator.",
        subcommands = {
            AgentsCommand.List.class,
            AgentsCommand.Drain.class,
            AgentsCommand.Remove.class,
            AgentsCommand.Tokens.class
        })
final class AgentsCommand implements Runnable {
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Agents, their labels and jobs.")
    static final class List implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            java.util.List<Agent> agents = options.client().agents();
            if (options.json()) {
                ClientOptions.printJson(agents);
                return 0;
            }
            if (agents.isEmpty()) {
                System.out.println("no agents connected; start one with kiln agent build");
            }
            for (Agent agent : agents) {
                System.out.printf(
                        "%-36s %-16s %-6s jobs %d/%d labels %s%s%n",
                        agent.id(),
                        agent.name(),
                        agent.kind().wireName(),
                        agent.jobs().size(),
                        agent.maxJobs(),
                        KilnClient.toJsonLine(agent.labels()),
                        agent.draining() ? " draining" : "");
            }
            return 0;
        }
    }

    /** The id of the agent named by its id or its name; a name several agents share is refused. */
    static String agentId(KilnClient client, String idOrName) {
        java.util.List<String> named = new java.util.ArrayList<>();
        for (Agent agent : client.agents()) {
            if (agent.id().equals(idOrName)) {
                return idOrName;
            }
            if (agent.name().equals(idOrName)) {
                named.add(agent.id());
            }
        }
        if (named.size() == 1) {
            return named.get(0);
        }
        throw new ApiCallException(
                named.isEmpty() ? 404 : 400,
                named.isEmpty()
                        ? "no agent has the id or name " + idOrName + "; see kiln agents list"
                        : "several agents are named " + idOrName + " (" + String.join(", ", named) + "); give the id");
    }

    @Command(
            name = "drain",
            mixinStandardHelpOptions = true,
            description = {
                "Drain an agent: it finishes the jobs it runs and is given no new ones (--undo: it takes jobs again).",
                "Drain before taking its machine down; kiln agents list says when it holds no jobs."
            })
    static final class Drain implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @picocli.CommandLine.Parameters(paramLabel = "AGENT", description = "The agent's id or name.")
        String agent;

        @Option(names = "--undo", description = "Give it jobs again.")
        boolean undo;

        @Override
        public Integer call() {
            KilnClient client = options.client();
            String id = agentId(client, agent);
            Agent drained = client.drain(id, new DrainAgent(!undo));
            options.print(
                    drained,
                    () -> System.out.println(
                            undo
                                    ? "agent " + drained.name() + " takes jobs again"
                                    : "agent " + drained.name() + " is draining: "
                                            + drained.jobs().size() + " job(s) to finish, no new ones"));
            return 0;
        }
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = {
                "Remove an agent: the orchestrator forgets it and tells it to stop; a job it leased goes to another",
                "agent, a job it runs fails (drain it first to let them finish). Started again, the agent joins anew."
            })
    static final class Remove implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @picocli.CommandLine.Parameters(paramLabel = "AGENT", description = "The agent's id or name.")
        String agent;

        @Override
        public Integer call() {
            KilnClient client = options.client();
            String id = agentId(client, agent);
            Agent removed = client.removeAgent(id);
            options.print(
                    removed,
                    () -> System.out.println(
                            "agent " + removed.name() + " (" + id + ") removed; it stops at its next call"));
            return 0;
        }
    }

    @Command(
            name = "tokens",
            mixinStandardHelpOptions = true,
            description = "Tokens for agents on other machines.",
            subcommands = {AgentsCommand.CreateToken.class})
    static final class Tokens implements Runnable {
        @picocli.CommandLine.Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.out);
        }
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Make a token an agent joins with (kiln agent build|deploy --server URL --token TOKEN).",
                "It may make the agents' own calls only: not read runs, logs or anything else."
            })
    static final class CreateToken implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @picocli.CommandLine.Parameters(paramLabel = "NAME", description = "What the token is for (a machine's name).")
        String name;

        @Override
        public Integer call() {
            AgentToken made = options.client().agentToken(new NewAgentToken(name));
            options.print(made, () -> {
                System.out.println("agent token " + made.name() + ": " + made.token());
                System.out.println("shown once; on the agent's machine: kiln agent build --server URL --token TOKEN");
            });
            return 0;
        }
    }
}
