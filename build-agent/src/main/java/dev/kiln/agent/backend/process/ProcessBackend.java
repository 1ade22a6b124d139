package dev.kiln.agent.backend.process;

import dev.kiln.agent.AgentException;
import dev.kiln.agent.backend.Availability;
import dev.kiln.agent.backend.BuildEnvironment;
import dev.kiln.agent.backend.EnvironmentSpec;
import dev.kiln.agent.backend.ExecutionBackend;
import dev.kiln.kit.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs builds as host processes under a temporary directory. Not isolated. Thread-safe. */
public final class ProcessBackend implements ExecutionBackend {
    private final Map<String, String> hostEnv;

    /** The variables of a host's environment a build may see: where programs are, who and where it is, language. */
    private static final java.util.Set<String> PASSED = java.util.Set.of(
            "PATH",
            "HOME",
            "USER",
            "LOGNAME",
            "SHELL",
            "LANG",
            "LANGUAGE",
            "TZ",
            "TMPDIR",
            "TERM",
            "JAVA_HOME",
            "http_proxy",
            "https_proxy",
            "no_proxy",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "NO_PROXY");

    /** A backend whose commands also see {@code hostEnv} (for PATH and the like). */
    public ProcessBackend(Map<String, String> hostEnv) {
        this.hostEnv = Map.copyOf(hostEnv);
    }

    /**
     * Of a host's environment, what an agent's builds may see: {@link #PASSED} and the locale's {@code LC_*}, never
     * the agent's token, the store's keys or anything else the agent was started with.
     */
    public static Map<String, String> clean(Map<String, String> hostEnv) {
        Map<String, String> out = new java.util.TreeMap<>();
        hostEnv.forEach((name, value) -> {
            if (PASSED.contains(name) || name.startsWith("LC_")) {
                out.put(name, value);
            }
        });
        return out;
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public boolean isolated() {
        return false;
    }

    @Override
    public Availability probe() {
        return Files.isExecutable(Path.of("/bin/sh"))
                ? Availability.yes("host processes (/bin/sh), not isolated")
                : Availability.no("/bin/sh is missing");
    }

    @Override
    public BuildEnvironment provision(EnvironmentSpec spec, ProgressListener progress) {
        try {
            Path root = Files.createTempDirectory("kiln-build-");
            return ProcessEnvironment.start(root, spec, hostEnv);
        } catch (IOException e) {
            throw new AgentException("cannot create a build directory: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // nothing held between builds
    }
}
