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

    /** A backend whose commands also see {@code hostEnv} (for PATH and the like). */
    public ProcessBackend(Map<String, String> hostEnv) {
        this.hostEnv = Map.copyOf(hostEnv);
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
