package dev.kiln.cli;

import dev.kiln.client.KilnClient;
import dev.kiln.model.api.Agent;
import dev.kiln.model.api.AgentKind;
import dev.kiln.model.api.AgentToken;
import dev.kiln.model.api.AgentTokenInfo;
import dev.kiln.model.api.DrainAgent;
import dev.kiln.model.api.NewAgentToken;
import dev.kiln.model.api.Removed;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kiln agents list|drain|remove}, {@code kiln agents tokens create|list|revoke}. */
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
            subcommands = {
                AgentsCommand.CreateToken.class,
                AgentsCommand.ListTokens.class,
                AgentsCommand.RevokeToken.class
            })
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
                "Make a token agents join with (KILN_TOKEN=TOKEN kiln agent build|deploy --server URL).",
                "It may make the agents' own calls only, for agents of its kind: not read runs, logs or anything else.",
                "A deploy token's agents get deploy jobs (and their secrets) only for the environments it names."
            })
    static final class CreateToken implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @picocli.CommandLine.Parameters(paramLabel = "NAME", description = "What the token is for (a machine's name).")
        String name;

        @Option(
                names = "--kind",
                paramLabel = "build|deploy",
                description = "The agents it is for (default: ${DEFAULT-VALUE}).",
                defaultValue = "build",
                converter = KindConverter.class)
        AgentKind kind = AgentKind.BUILD;

        @Option(
                names = "--environment",
                paramLabel = "NAME",
                description = "An environment its deploy agents may deploy to (repeat it for more).")
        java.util.List<String> environments = new java.util.ArrayList<>();

        @Option(
                names = "--any-environment",
                description = "Its deploy agents may deploy to every environment, those made later too.")
        boolean anyEnvironment;

        @Option(
                names = "--label",
                paramLabel = "LABEL",
                description = "A label its agents may claim (repeat it for more); an agent that claims another is"
                        + " refused. Without it, any labels.")
        java.util.List<String> labels = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            if (kind == AgentKind.DEPLOY && environments.isEmpty() && !anyEnvironment) {
                System.err.println("kiln agents tokens create: a deploy token names the environments its agents may"
                        + " deploy to: --environment NAME (repeat it), or --any-environment");
                return 2;
            }
            if (kind == AgentKind.BUILD && (!environments.isEmpty() || anyEnvironment)) {
                System.err.println("kiln agents tokens create: build agents deploy nowhere; --environment and"
                        + " --any-environment are for --kind deploy");
                return 2;
            }
            AgentToken made = options.client()
                    .agentToken(new NewAgentToken(
                            name,
                            kind,
                            kind == AgentKind.DEPLOY && !anyEnvironment ? environments : null,
                            labels.isEmpty() ? null : labels));
            options.print(made, () -> {
                System.out.println(
                        "agent token " + made.name() + " for " + made.kind().wireName() + " agents"
                                + where(made.kind(), made.environments()) + labels(made.labels()) + ": "
                                + made.token());
                System.out.println("shown once; on the agent's machine: KILN_TOKEN=TOKEN kiln agent "
                        + made.kind().wireName() + " --server URL");
            });
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The agent tokens (never the tokens).")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            java.util.List<AgentTokenInfo> tokens = options.client().agentTokens();
            options.print(tokens, () -> {
                if (tokens.isEmpty()) {
                    System.out.println("no agent tokens; make one with kiln agents tokens create NAME");
                }
                for (AgentTokenInfo token : tokens) {
                    AgentKind kind = token.kind();
                    System.out.printf(
                            "%-24s %-7s made %s%s%n",
                            token.name(),
                            kind == null ? AgentKind.BUILD.wireName() : kind.wireName(),
                            token.createdAt(),
                            kind == null
                                    ? "  (made before tokens were bound: build agents only; revoke it and make"
                                            + " another)"
                                    : where(kind, token.environments()) + labels(token.labels()));
                }
            });
            return 0;
        }
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = "End an agent token: its agents are refused from their next call.")
    static final class RevokeToken implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @picocli.CommandLine.Parameters(
                paramLabel = "NAME",
                description = "The token's name (kiln agents tokens list).")
        String name;

        @Override
        public Integer call() {
            Removed removed = options.client().revokeAgentToken(name);
            options.print(removed, () -> System.out.println("agent token " + name + " revoked"));
            return 0;
        }
    }

    private static String labels(java.util.@Nullable List<String> labels) {
        return labels == null ? "" : ", labels " + String.join(", ", labels);
    }

    private static String where(AgentKind kind, java.util.@Nullable List<String> environments) {
        if (kind != AgentKind.DEPLOY) {
            return "";
        }
        return environments == null ? ", every environment" : ", environments " + String.join(", ", environments);
    }

    /** {@code build} or {@code deploy}, in any case. */
    static final class KindConverter implements picocli.CommandLine.ITypeConverter<AgentKind> {
        @Override
        public AgentKind convert(String value) {
            try {
                return AgentKind.of(value.strip().toLowerCase(java.util.Locale.ROOT));
            } catch (RuntimeException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not build or deploy");
            }
        }
    }
}
