package dev.kiln.agent.cli;

import dev.kiln.agent.remote.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every agent command shares: which orchestrator, with which token, under which name and labels. */
public final class AgentConnection {
    @Option(names = "--server", paramLabel = "URL", description = "The orchestrator's URL.")
    private String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "An API token of the orchestrator.")
    private String token;

    @Option(names = "--labels", split = ",", paramLabel = "LABEL", description = "This agent's labels, a,b,c.")
    private List<String> labels = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", description = "A name for people (default: the host's name).")
    private String name;

    /** The server and token: the flags, else KILN_SERVER and KILN_TOKEN, else the config file. */
    public ServerConfig config(Map<String, String> env) {
        return ServerConfig.resolve(Optional.ofNullable(server), Optional.ofNullable(token), env);
    }

    /** The agent's labels. */
    public List<String> labels() {
        return List.copyOf(labels);
    }

    /** The agent's name: the flag, else the host's name. */
    public String name() throws IOException {
        return name != null ? name : InetAddress.getLocalHost().getHostName();
    }
}
