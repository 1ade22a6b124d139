package dev.kiln.deploy.remote;

import dev.kiln.client.AgentClient;
import dev.kiln.kit.engine.RegistryCredentials;
import dev.kiln.kit.remote.AgentJob;
import dev.kiln.kit.remote.JobFactory;
import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.model.api.AgentKind;
import dev.kiln.model.job.JobSpec;
import java.nio.file.Path;

/** Deploy jobs, each working in its own folder under the agent's work folder. */
public final class DeployJobs implements JobFactory {
    private final Path work;
    private final RegistryCredentials pullLogins;

    /** Jobs that keep their bundles under {@code work} and pull images with {@code pullLogins}. */
    public DeployJobs(Path work, RegistryCredentials pullLogins) {
        this.work = work;
        this.pullLogins = pullLogins;
    }

    @Override
    public AgentKind kind() {
        return AgentKind.DEPLOY;
    }

    @Override
    public AgentJob create(JobSpec spec, ArtifactStore store, AgentClient client) {
        return new DeployJob(spec, client, work.resolve(spec.jobId()), pullLogins);
    }
}
