package dev.kiln.orchestrator.core;

import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.kit.store.ObjectSigner;
import dev.kiln.model.job.JobObjects;
import dev.kiln.model.job.JobSpec;
import dev.kiln.model.job.ObjectEntry;
import dev.kiln.model.job.ObjectGrant;
import dev.kiln.model.job.ObjectGrantRequest;
import dev.kiln.model.job.ObjectListing;
import dev.kiln.model.job.ObjectOperation;
import dev.kiln.orchestrator.WorkPool;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Object store access for agents, one job at a time: URLs signed for one operation on one object the job may touch
 * ({@link JobObjects}), valid for {@link #VALID_FOR}, and listings done here. Agents never hold the store's keys.
 * Store calls run on worker threads, unordered, so one slow store call holds up no other call.
 */
public final class ObjectGrants {
    /** How long a signed URL works: long enough to start a transfer, short enough to be worthless when leaked. */
    public static final Duration VALID_FOR = Duration.ofMinutes(15);

    private final Context context;
    private final ObjectSigner signer;
    private final ArtifactStore store;
    private final Clock clock;

    /** Grants for the objects of {@code store}, signed by {@code signer} (the same store). */
    public ObjectGrants(Context context, ObjectSigner signer, ArtifactStore store, Clock clock) {
        this.context = context;
        this.signer = signer;
        this.store = store;
        this.clock = clock;
    }

    /**
     * A URL for one operation on one object of {@code spec}'s job.
     *
     * @throws InvalidObjectKeyException when the key is not one
     * @throws ObjectOutsideJobException when the job may not do that to that object
     */
    public Future<ObjectGrant> grant(JobSpec spec, ObjectGrantRequest request) {
        if (request.operation() == null) {
            throw new InvalidObjectKeyException("operation", "must be GET, PUT or DELETE");
        }
        String key = key("key", request.key());
        if (!JobObjects.allows(spec, request.operation(), key)) {
            throw new ObjectOutsideJobException(spec.jobId(), request.operation() + " " + key);
        }
        return signed(request.operation(), key);
    }

    /** The objects under {@code prefix}, which must lie within what the job may touch. */
    public Future<ObjectListing> list(JobSpec spec, String prefix) {
        if (!prefix.isEmpty()) {
            key("prefix", prefix);
        }
        if (!JobObjects.allowsListing(spec, prefix)) {
            throw new ObjectOutsideJobException(
                    spec.jobId(), "list " + (prefix.isEmpty() ? "the whole store" : prefix));
        }
        return WorkPool.STORE.run(
                context,
                () -> new ObjectListing(store.list(prefix).stream()
                        .map(o -> new ObjectEntry(o.key(), o.size(), o.lastModified()))
                        .toList()));
    }

    /** A URL that reads {@code key}, for a deployment the orchestrator ordered (the key is its own). */
    public Future<ObjectGrant> read(String key) {
        return signed(ObjectOperation.GET, key);
    }

    private Future<ObjectGrant> signed(ObjectOperation operation, String key) {
        Instant expires = clock.instant().plus(VALID_FOR);
        return WorkPool.STORE.run(
                context, () -> new ObjectGrant(signer.sign(operation, key, VALID_FOR), store.location(key), expires));
    }

    private static String key(String field, String key) {
        Optional<String> why = JobObjects.malformed(key == null ? "" : key);
        if (why.isPresent()) {
            throw new InvalidObjectKeyException(field, why.get());
        }
        return key;
    }
}
