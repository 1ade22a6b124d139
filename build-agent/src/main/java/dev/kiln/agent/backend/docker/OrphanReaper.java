package dev.kiln.agent.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.kiln.kit.engine.EngineRace;
import dev.kiln.kit.engine.Labels;
import dev.kiln.kit.engine.Owner;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes build containers whose creating process is gone: orphans of a crash or a kill -9. */
public final class OrphanReaper {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanReaper.class);

    private OrphanReaper() {}

    /**
     * Finds every Kiln build container with one label query and removes those whose owner is gone.
     *
     * @return the ids of the containers removed
     */
    public static List<String> reap(DockerClient client) {
        List<Container> containers = EngineRace.retrying(() -> client.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(Labels.KILN, "true", Labels.ROLE, "build"))
                .exec());
        return containers.stream()
                .filter(c -> Owner.isGone(c.getLabels() == null ? Map.of() : c.getLabels()))
                .map(c -> {
                    try {
                        EngineRace.retrying(() -> client.removeContainerCmd(c.getId())
                                .withForce(true)
                                .withRemoveVolumes(true)
                                .exec());
                        LOG.info("removed orphan build container {} ({})", c.getId(), c.getLabels());
                        return c.getId();
                    } catch (RuntimeException e) {
                        LOG.warn("cannot remove orphan build container {}: {}", c.getId(), e.getMessage());
                        return null;
                    }
                })
                .filter(id -> id != null)
                .toList();
    }
}
