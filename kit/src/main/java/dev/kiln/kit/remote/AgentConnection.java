package dev.kiln.kit.remote;

import dev.kiln.client.AgentClient;
import dev.kiln.kit.cli.InvalidOptionException;
import dev.kiln.kit.logging.KilnLogging;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options every agent command shares: which orchestrator, with which token, under which name and labels. */
public final class AgentConnection {
    @Option(
            names = "--server",
            paramLabel = "URL[,URL]",
            description = "The orchestrator's URL; several, comma-separated, for orchestrators that share a database"
                    + " (the agent moves to the next when one stops answering or stands by).")
    private @Nullable String server;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description =
                    "The agent token (other users see it in the process list: prefer KILN_TOKEN or --token-file).")
    private @Nullable String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file whose first line is the agent token.")
    private java.nio.file.@Nullable Path tokenFile;

    @Option(names = "--labels", split = ",", paramLabel = "LABEL", description = "This agent's labels, a,b,c.")
    private List<String> labels = new ArrayList<>();

    @Option(
            names = "--status",
            paramLabel = "HOST:PORT",
            defaultValue = "${env:KILN_AGENT_STATUS}",
            description = "Serve GET /health (200 while the orchestrator answers) and GET /metrics (Prometheus) on"
                    + " this address, as 0.0.0.0:9100 (default: KILN_AGENT_STATUS, else none).")
    private @Nullable String status;

    @Option(
            names = "--grace",
            paramLabel = "S",
            defaultValue = "30",
            description = "On SIGTERM or Ctrl-C: seconds the jobs running may take to end by themselves (default 30, as"
                    + " docker stop); then each is stopped and given back to the orchestrator, which queues it again.")
    private int grace = 30;

    @Option(names = "--name", paramLabel = "NAME", description = "A name for people (default: the host's name).")
    private @Nullable String name;

    /** The server and token: the flags, else KILN_SERVER and KILN_TOKEN, else the config file. */
    public ServerConfig config(Map<String, String> env) {
        return ServerConfig.resolve(
                Optional.ofNullable(server),
                Optional.ofNullable(token).or(() -> ServerConfig.tokenFile(tokenFile)),
                env);
    }

    /** The agent's labels. */
    public List<String> labels() {
        return List.copyOf(labels);
    }

    /**
     * Runs an agent of {@code jobs} until the process is asked to stop: connected to {@code config}'s orchestrator,
     * saying what it does as {@code who}'s events ({@link KilnLogging#events}).
     */
    public void serve(ServerConfig config, int maxJobs, JobFactory jobs, String who)
            throws IOException, InterruptedException {
        org.slf4j.Logger events = KilnLogging.events(who);
        KilnLogging.identify("agent_name", name());
        try (AgentClient client = new AgentClient(
                config.server(), config.token(), UUID.randomUUID().toString())) {
            RemoteAgent agent = new RemoteAgent(client, name(), labels(), maxJobs, jobs, events::info);
            if (grace < 0 || grace > 3600) {
                throw new InvalidOptionException("--grace " + grace + ": give 0 to 3600 seconds");
            }
            java.time.Duration graceful = java.time.Duration.ofSeconds(grace);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                agent.shutdown(graceful);
                                KilnLogging.flush();
                            },
                            "kiln-agent-shutdown"));
            StatusServer server = startStatus(agent.status());
            try {
                agent.run();
            } finally {
                if (server != null) {
                    server.close();
                }
            }
        }
    }

    private @Nullable StatusServer startStatus(AgentStatus agentStatus) throws IOException {
        if (status == null || status.isBlank()) {
            return null;
        }
        int colon = status.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(status.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (colon < 1 || port < 0 || port > 65535) {
            throw new InvalidOptionException("--status " + status + ": give HOST:PORT, as 0.0.0.0:9100");
        }
        return StatusServer.start(status.substring(0, colon), port, agentStatus);
    }

    /** The agent's name: the flag, else the host's name. */
    public String name() throws IOException {
        return name != null ? name : InetAddress.getLocalHost().getHostName();
    }
}
