package dev.kiln.agent.remote;

import dev.kiln.kit.store.ArtifactStore;
import java.util.List;
import java.util.Optional;

/**
 * How an agent runs its builds.
 *
 * @param defaultImage the image of actions that name none
 * @param certificates PEM certificates every build trusts
 * @param cacheStore where buildspec caches are kept, shared by agents of one orchestrator
 */
record AgentOptions(String defaultImage, List<String> certificates, Optional<ArtifactStore> cacheStore) {
    AgentOptions {
        certificates = List.copyOf(certificates);
    }
}
