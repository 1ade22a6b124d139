package dev.kiln.agent.remote;

import dev.kiln.agent.backend.ExecutionBackend;
import dev.kiln.client.AgentClient;
import dev.kiln.kit.remote.AgentJob;
import dev.kiln.kit.remote.JobFactory;
import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.model.api.AgentKind;
import dev.kiln.model.job.JobSpec;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Build and test jobs, run by the engine on one execution backend made once and shared by the agent's jobs. */
public final class BuildJobs implements JobFactory {
    private final Supplier<ExecutionBackend> backends;
    private final String defaultImage;
    private final List<String> certificates;
    private @Nullable ExecutionBackend backend;

    /** Jobs on the backend {@code backends} makes (once, when the first job needs it). */
    public BuildJobs(Supplier<ExecutionBackend> backends, String defaultImage, List<String> certificates) {
        this.backends = backends;
        this.defaultImage = defaultImage;
        this.certificates = List.copyOf(certificates);
    }

    @Override
    public AgentKind kind() {
        return AgentKind.BUILD;
    }

    @Override
    public AgentJob create(JobSpec spec, ArtifactStore store, AgentClient client) {
        return new RemoteJob(
                spec, store, this::backend, new AgentOptions(defaultImage, certificates, Optional.of(store)));
    }

    /** The execution backend, made once and shared (finding the engine takes time). */
    private synchronized ExecutionBackend backend() {
        ExecutionBackend made = backend;
        if (made == null) {
            made = backends.get();
            backend = made;
        }
        return made;
    }

    @Override
    public synchronized void close() {
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }
}
