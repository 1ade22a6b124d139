package dev.kiln.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kiln agents list}, {@code kiln agents tokens create}. */
@Command(
        name = "agents",
        mixinStandardHelpOptions = true,
        description = "The agents connected to the orchestrator.",
        subcommands = {AgentsCommand.List.class, AgentsCommand.Tokens.class})
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
                        "%-36s %-16s %-6s jobs %d/%d labels %s%n",
                        agent.path("id").asText(),
                        agent.path("name").asText(),
                        agent.path("kind").asText(),
                        agent.path("jobs").size(),
                        agent.path("maxJobs").asInt(),
                        agent.path("labels"));
            }
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
