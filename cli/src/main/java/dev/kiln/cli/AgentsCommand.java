package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
            JsonNode agents = options.client().get("/api/v1/agents");
            if (options.json()) {
                ClientOptions.printJson(agents);
                return 0;
            }
            if (agents.isEmpty()) {
                System.out.println("no agents connected; start one with kiln agent build");
            }
            for (JsonNode agent : agents) {
                System.out.printf(
                        "%-36s %-16s %-6s jobs %d/%d labels %s%s%n",
                        agent.path("id").asText(),
                        agent.path("name").asText(),
                        agent.path("kind").asText(),
                        agent.path("jobs").size(),
                        agent.path("maxJobs").asInt(),
                        agent.path("labels"),
                        agent.path("draining").asBoolean() ? " draining" : "");
            }
            return 0;
        }
    }

    /** The id of the agent named by its id or its name; a name several agents share is refused. */
    static String agentId(ApiClient client, String idOrName) {
        java.util.List<String> named = new java.util.ArrayList<>();
        for (JsonNode agent : client.get("/api/v1/agents")) {
            if (agent.path("id").asText().equals(idOrName)) {
                return idOrName;
            }
            if (agent.path("name").asText().equals(idOrName)) {
                named.add(agent.path("id").asText());
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
            ApiClient client = options.client();
            String id = agentId(client, agent);
            JsonNode drained = client.post("/api/v1/agents/" + id + "/drain", java.util.Map.of("drain", !undo));
            options.print(
                    drained,
                    () -> System.out.println(
                            undo
                                    ? "agent " + drained.path("name").asText() + " takes jobs again"
                                    : "agent " + drained.path("name").asText() + " is draining: "
                                            + drained.path("jobs").size() + " job(s) to finish, no new ones"));
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
            ApiClient client = options.client();
            String id = agentId(client, agent);
            JsonNode removed = client.delete("/api/v1/agents/" + id);
            options.print(
                    removed,
                    () -> System.out.println("agent " + removed.path("name").asText() + " (" + id
                            + ") removed; it stops at its next call"));
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
            JsonNode made = options.client().post("/api/v1/agent-tokens", java.util.Map.of("name", name));
            options.print(made, () -> {
                System.out.println("agent token " + made.path("name").asText() + ": "
                        + made.path("token").asText());
                System.out.println("shown once; on the agent's machine: kiln agent build --server URL --token TOKEN");
            });
            return 0;
        }
    }
}
