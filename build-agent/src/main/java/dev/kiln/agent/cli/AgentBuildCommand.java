package dev.kiln.agent.cli;

import dev.kiln.agent.backend.ExecutionBackend;
import dev.kiln.agent.backend.docker.DefaultImage;
import dev.kiln.agent.backend.docker.DockerBackend;
import dev.kiln.agent.backend.process.ProcessBackend;
import dev.kiln.agent.remote.BuildJobs;
import dev.kiln.kit.KitException;
import dev.kiln.kit.remote.AgentConnection;
import dev.kiln.kit.remote.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kiln agent build}: a build agent leasing build and test jobs from an orchestrator. */
@Command(
        name = "build",
        mixinStandardHelpOptions = true,
        description = {
            "Take build and test jobs from a Kiln orchestrator and run each in a fresh container.",
            "The server and token come from the flags, else KILN_SERVER and KILN_TOKEN, else ~/.kiln/config."
        })
public final class AgentBuildCommand implements Callable<Integer> {
    @Mixin
    private AgentConnection connection;

    @Option(names = "--max-jobs", paramLabel = "N", description = "How many jobs it runs at once (default 1).")
    private int maxJobs = 1;

    @Option(names = "--backend", paramLabel = "NAME", description = "docker (default) or process.")
    private String backendName = "docker";

    @Option(
            names = "--certificate",
            paramLabel = "FILE",
            description = "A PEM certificate every build trusts (repeatable).")
    private List<Path> certificateFiles = new ArrayList<>();

    @Option(
            names = "--cgroup-parent",
            paramLabel = "CGROUP",
            defaultValue = "${env:KILN_BUILD_CGROUP_PARENT}",
            description = "Run every build container under this cgroup (/kiln-agent-1 with cgroupfs, a .slice with"
                    + " systemd), so that the agent's builds share the CPU and memory limits set there"
                    + " (default: KILN_BUILD_CGROUP_PARENT, else the engine's own).")
    private String cgroupParent = "${env:KILN_BUILD_CGROUP_PARENT}";

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (maxJobs < 1 || maxJobs > 64) {
            System.err.println("kiln agent build: --max-jobs must be from 1 to 64");
            return KilnCli.EXIT_INVALID;
        }
        if (!backendName.equals("docker") && !backendName.equals("process")) {
            System.err.println("kiln agent build: unknown backend " + backendName + "; use docker or process");
            return KilnCli.EXIT_INVALID;
        }
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        if (cgroupParent != null && !cgroupParent.isBlank()) {
            env.put(DockerBackend.CGROUP_PARENT, cgroupParent);
        }
        ServerConfig config;
        try {
            config = connection.config(env);
        } catch (KitException e) {
            System.err.println("kiln agent build: " + e.getMessage());
            return KilnCli.EXIT_INVALID;
        }
        List<String> certificates = new ArrayList<>();
        for (Path file : certificateFiles) {
            certificates.add(Files.readString(file, StandardCharsets.UTF_8));
        }
        String defaultImage = env.getOrDefault("KILN_DEFAULT_IMAGE", DefaultImage.REFERENCE);
        Supplier<ExecutionBackend> backends = backendName.equals("process")
                ? () -> new ProcessBackend(ProcessBackend.clean(env))
                : () -> new DockerBackend(env, new DefaultImage(defaultImage));
        connection.serve(config, maxJobs, new BuildJobs(backends, defaultImage, certificates), "kiln agent build");
        return 0;
    }
}
