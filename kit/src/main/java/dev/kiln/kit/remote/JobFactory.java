package dev.kiln.kit.remote;

import dev.kiln.client.AgentClient;
import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.model.api.AgentKind;
import dev.kiln.model.job.JobSpec;

/** What kind of jobs an agent takes, and how it makes each into an {@link AgentJob}. */
public interface JobFactory extends AutoCloseable {
    /** {@code build} or {@code deploy}, as the agent says hello. */
    AgentKind kind();

    /**
     * The job for a lease; {@code store} is the job's view of the orchestrator's object store (by URLs signed for its
     * own objects), {@code client} the orchestrator's API.
     */
    AgentJob create(JobSpec spec, ArtifactStore store, AgentClient client);

    /** Releases what the jobs shared, once the agent stops. */
    @Override
    default void close() {}
}
