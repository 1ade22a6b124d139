package dev.kiln.kit.remote;

import dev.kiln.client.AgentClient;
import dev.kiln.client.ApiRefusedException;
import dev.kiln.client.ClientException;
import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.kit.store.StoreException;
import dev.kiln.kit.store.StoredObject;
import dev.kiln.model.job.ObjectGrant;
import dev.kiln.model.job.ObjectGrantRequest;
import dev.kiln.model.job.ObjectOperation;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One job's view of the object store, through URLs the orchestrator signs for that job's own objects: the agent holds
 * no store keys, and the orchestrator refuses any object outside what the job may touch (its inputs, its outputs, its
 * repository's caches). Listings come from the orchestrator itself. The signed URLs are never logged or put in a
 * message: they are credentials while they last.
 */
public final class PresignedUrlArtifactStore implements ArtifactStore {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final Duration ANSWER = Duration.ofSeconds(60);
    private static final Duration UPLOAD = Duration.ofMinutes(30);
    private static final Pattern S3_CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");

    private final AgentClient client;
    private final String jobId;

    /** The objects of job {@code jobId}, by URLs signed for it. */
    public PresignedUrlArtifactStore(AgentClient client, String jobId) {
        this.client = client;
        this.jobId = jobId;
    }

    @Override
    public String put(String key, Path file) {
        ObjectGrant grant = grant(ObjectOperation.PUT, key);
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(grant.url()))
                    .timeout(UPLOAD)
                    .PUT(HttpRequest.BodyPublishers.ofFile(file))
                    .build();
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw refused("write", key, answer.statusCode(), answer.body());
            }
            return grant.location();
        } catch (FileNotFoundException e) {
            throw new StoreException("cannot write " + key + ": no file " + file, e);
        } catch (IOException e) {
            throw unreachable("write", key, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while writing " + key, e);
        }
    }

    @Override
    public InputStream get(String key) {
        return read(grant(ObjectOperation.GET, key).url(), key);
    }

    /**
     * Reads an object by a URL signed for reading it ({@code key} names it in errors, which never show the URL).
     *
     * @throws StoreException when the store refuses or does not answer
     */
    public static InputStream read(String signedUrl, String key) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(signedUrl))
                    .timeout(ANSWER)
                    .GET()
                    .build();
            HttpResponse<InputStream> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (answer.statusCode() != 200) {
                String body;
                try (InputStream in = answer.body()) {
                    body = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                }
                throw refused("read", key, answer.statusCode(), body);
            }
            return answer.body();
        } catch (IllegalArgumentException e) {
            throw new StoreException("cannot read " + key + ": the orchestrator gave no usable URL for it", e);
        } catch (IOException e) {
            throw unreachable("read", key, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while reading " + key, e);
        }
    }

    @Override
    public String location(String key) {
        return grant(ObjectOperation.GET, key).location();
    }

    @Override
    public List<StoredObject> list(String prefix) {
        try {
            return client.objects(jobId, prefix).stream()
                    .map(o -> new StoredObject(o.key(), o.size(), o.lastModified()))
                    .toList();
        } catch (ClientException e) {
            throw new StoreException("cannot list " + prefix + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) {
        ObjectGrant grant = grant(ObjectOperation.DELETE, key);
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(grant.url()))
                    .timeout(ANSWER)
                    .DELETE()
                    .build();
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 204 && answer.statusCode() != 200 && answer.statusCode() != 404) {
                throw refused("delete", key, answer.statusCode(), answer.body());
            }
        } catch (IOException e) {
            throw unreachable("delete", key, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while deleting " + key, e);
        }
    }

    private ObjectGrant grant(ObjectOperation operation, String key) {
        try {
            return client.grant(jobId, new ObjectGrantRequest(operation, key));
        } catch (ApiRefusedException e) {
            throw new StoreException(
                    "the orchestrator refused to " + operation + " " + key + " for this job: " + e.getMessage(), e);
        } catch (ClientException e) {
            throw new StoreException("cannot " + operation + " " + key + ": " + e.getMessage(), e);
        }
    }

    /** What the store answered, by its S3 error code, never with the signed URL. */
    private static StoreException refused(String what, String key, int status, String body) {
        Matcher code = S3_CODE.matcher(body);
        return new StoreException(
                "cannot " + what + " " + key + ": the object store answered " + status
                        + (code.find() ? " " + code.group(1) : ""),
                null);
    }

    private static StoreException unreachable(String what, String key, IOException e) {
        String detail = e.getMessage() == null || e.getMessage().contains("X-Amz-")
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new StoreException(
                "cannot " + what + " " + key + ": the object store did not answer (" + detail + ")", e);
    }

    @Override
    public String toString() {
        return "the orchestrator's object store (job " + jobId + ")";
    }
}
