package dev.kiln.deploy.remote;

import dev.kiln.agent.remote.AgentJob;
import dev.kiln.agent.remote.JobFactory;
import dev.kiln.agent.remote.OrchestratorClient;
import dev.kiln.agent.store.ArtifactStore;
import dev.kiln.model.job.JobSpec;
import java.nio.file.Path;

/** Deploy jobs, each working in its own folder under the agent's work folder. */
public final class DeployJobs implements JobFactory {
    private final Path work;

    /** Jobs that keep their bundles under {@code work}. */
    public DeployJobs(Path work) {
        this.work = work;
    }

    @Override
    public String kind() {
        return "deploy";
    }

    @Override
    public AgentJob create(JobSpec spec, ArtifactStore store, OrchestratorClient client) {
        return new DeployJob(spec, store, client, work.resolve(spec.jobId()));
    }
}
