package dev.kiln.orchestrator.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.model.job.JobSpec;
import dev.kiln.orchestrator.WorkPool;
import dev.kiln.orchestrator.state.JobRecord;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * A build job's test and coverage reports, as its agent stored them beside its outputs ({@link JobSpec#REPORTS});
 * read from the object store on a worker thread.
 */
public final class JobReports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Context context;
    private final ArtifactStore objects;

    /** Reports read from {@code objects}. */
    public JobReports(Context context, ArtifactStore objects) {
        this.context = context;
        this.objects = objects;
    }

    /** The reports' JSON (an array), or empty when the job made none (or has not ended). */
    public Future<Optional<byte[]>> of(JobRecord job) {
        return WorkPool.STORE.run(context, () -> {
            String prefix;
            try {
                prefix = Objects.requireNonNullElse(
                        JSON.readValue(job.spec(), JobSpec.class).outputPrefix(), "");
            } catch (IOException e) {
                throw new UncheckedIOException("job " + job.id() + " has an unreadable spec", e);
            }
            if (prefix.isEmpty()) {
                return Optional.empty();
            }
            String key = prefix.replaceAll("/+$", "") + "/" + JobSpec.REPORTS;
            if (objects.list(key).stream().noneMatch(o -> o.key().equals(key))) {
                return Optional.empty();
            }
            try (InputStream in = objects.get(key)) {
                return Optional.of(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + key + " from the object store failed", e);
            }
        });
    }
}
