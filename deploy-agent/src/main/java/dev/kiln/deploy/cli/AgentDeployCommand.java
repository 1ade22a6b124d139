package dev.kiln.deploy.cli;

import dev.kiln.agent.AgentException;
import dev.kiln.agent.cli.KilnCli;
import dev.kiln.agent.remote.OrchestratorClient;
import dev.kiln.agent.remote.RemoteAgent;
import dev.kiln.agent.remote.ServerConfig;
import dev.kiln.deploy.remote.DeployJobs;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kiln agent deploy}: a deploy agent leasing deploy jobs from an orchestrator. */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Take deploy jobs from a Kiln orchestrator and ship each revision to its environment's hosts over SSH.",
            "The server and token come from the flags, else KILN_SERVER and KILN_TOKEN, else ~/.kiln/config."
        })
public final class AgentDeployCommand implements Callable<Integer> {
    @Option(names = "--server", paramLabel = "URL", description = "The orchestrator's URL.")
    private String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "An API token of the orchestrator.")
    private String token;

    @Option(names = "--labels", split = ",", paramLabel = "LABEL", description = "This agent's labels, a,b,c.")
    private List<String> labels = new ArrayList<>();

    @Option(
            names = "--max-jobs",
            paramLabel = "N",
            description = "How many deployments it runs at once, to different environments (default 2).")
    private int maxJobs = 2;

    @Option(names = "--name", paramLabel = "NAME", description = "A name for people (default: the host's name).")
    private String name;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        if (maxJobs < 1 || maxJobs > 64) {
            err.println("kiln agent deploy: --max-jobs must be from 1 to 64");
            return KilnCli.EXIT_INVALID;
        }
        ServerConfig config;
        try {
            config = ServerConfig.resolve(Optional.ofNullable(server), Optional.ofNullable(token), System.getenv());
        } catch (AgentException e) {
            err.println("kiln agent deploy: " + e.getMessage());
            return KilnCli.EXIT_INVALID;
        }
        String agentName = name != null ? name : InetAddress.getLocalHost().getHostName();
        Path work = Files.createTempDirectory("kiln-deploy-");
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss");
        try (OrchestratorClient client = new OrchestratorClient(
                URI.create(config.server()), config.token(), UUID.randomUUID().toString())) {
            RemoteAgent agent = new RemoteAgent(
                    client,
                    agentName,
                    labels,
                    maxJobs,
                    new DeployJobs(work),
                    line -> err.println("[" + LocalTime.now().format(time) + "] kiln deploy agent: " + line));
            Runtime.getRuntime().addShutdownHook(new Thread(agent::stop));
            agent.run();
        }
        return 0;
    }
}
