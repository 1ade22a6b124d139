package dev.kiln.kit.store;

import dev.kiln.model.job.ObjectOperation;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * Files in a bucket of any S3-compatible server, through the MinIO SDK. Keys are placed under the store's prefix.
 * The bucket is created on first write if it does not exist.
 */
public final class MinioArtifactStore implements ArtifactStore, ObjectSigner {
    private static final long PART_SIZE = 16L << 20;
    private final MinioClient client;
    private final MinioAsyncClient async;
    private final String endpoint;
    private final String bucket;
    private final String prefix;
    private volatile boolean bucketChecked;

    /**
     * A store in {@code bucket} under {@code prefix} (empty for none).
     *
     * @param endpoint the server's URL ({@code http://127.0.0.1:9000})
     */
    public MinioArtifactStore(String endpoint, String accessKey, String secretKey, String bucket, String prefix) {
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.prefix = prefix.replaceAll("^/+", "").replaceAll("/+$", "");
        // one HTTP client per process: the SDK's own, made per client, costs seconds of CPU to make (StoreHttpClient)
        OkHttpClient http = StoreHttpClient.forEndpoint(endpoint);
        this.client = MinioClient.builder()
                .httpClient(http, false)
                .endpoint(endpoint)
                .credentials(accessKey, secretKey)
                .region("us-east-1")
                .build();
        this.async = MinioAsyncClient.builder()
                .httpClient(http, false)
                .endpoint(endpoint)
                .credentials(accessKey, secretKey)
                .region("us-east-1")
                .build();
    }

    private String object(String key) {
        return prefix.isEmpty() ? key : prefix + "/" + key;
    }

    @Override
    public String put(String key, Path file) {
        try {
            ensureBucket();
            long size = java.nio.file.Files.size(file);
            if (size > PART_SIZE) {
                ParallelUpload.upload(async, bucket, object(key), file, size, PART_SIZE);
                return location(key);
            }
            client.uploadObject(UploadObjectArgs.builder()
                    .bucket(bucket)
                    .object(object(key))
                    // one request up to 16 MiB; larger files as 16 MiB parts, several at once
                    .filename(file.toString(), PART_SIZE)
                    .contentType(key.endsWith(".zip") ? "application/zip" : contentType(key))
                    .build());
            return location(key);
        } catch (MinioException e) {
            throw failure("upload " + location(key), e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw failure("upload " + location(key), e.getCause() instanceof Exception c ? c : e);
        } catch (java.io.IOException e) {
            throw failure("upload " + location(key), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("upload " + location(key), e);
        }
    }

    private static String contentType(String key) {
        if (key.endsWith(".json")) {
            return "application/json";
        }
        return key.endsWith(".tar") ? "application/x-tar" : "application/octet-stream";
    }

    @Override
    public List<StoredObject> list(String keyPrefix) {
        List<StoredObject> out = new ArrayList<>();
        String base = prefix.isEmpty() ? "" : prefix + "/";
        try {
            ensureBucket();
            Iterable<Result<Item>> items = client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket)
                    .prefix(base + keyPrefix)
                    .recursive(true)
                    .build());
            for (Result<Item> result : items) {
                Item item = result.get();
                if (!item.isDir()) {
                    out.add(new StoredObject(
                            item.objectName().substring(base.length()),
                            item.size(),
                            item.lastModified().toInstant()));
                }
            }
        } catch (MinioException e) {
            throw failure("list " + location(keyPrefix), e);
        }
        return out;
    }

    @Override
    public void delete(String key) {
        try {
            client.removeObject(RemoveObjectArgs.builder()
                    .bucket(bucket)
                    .object(object(key))
                    .build());
        } catch (MinioException e) {
            throw failure("delete " + location(key), e);
        }
    }

    private void ensureBucket() throws MinioException {
        if (bucketChecked) {
            return;
        }
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
        bucketChecked = true;
    }

    @Override
    public InputStream get(String key) {
        try {
            return client.getObject(
                    GetObjectArgs.builder().bucket(bucket).object(object(key)).build());
        } catch (MinioException e) {
            throw failure("read " + location(key), e);
        }
    }

    /** A ranged GET: only the bytes from {@code offset} on travel. */
    @Override
    public InputStream get(String key, long offset) {
        try {
            return client.getObject(GetObjectArgs.builder()
                    .bucket(bucket)
                    .object(object(key))
                    .offset(offset)
                    .build());
        } catch (MinioException e) {
            throw failure("read " + location(key), e);
        }
    }

    @Override
    public String sign(ObjectOperation operation, String key, Duration validFor) {
        try {
            if (operation == ObjectOperation.PUT) {
                ensureBucket();
            }
            return client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(
                            switch (operation) {
                                case GET -> Http.Method.GET;
                                case PUT -> Http.Method.PUT;
                                case DELETE -> Http.Method.DELETE;
                            })
                    .bucket(bucket)
                    .object(object(key))
                    .expiry((int) Math.max(1, validFor.toSeconds()))
                    .build());
        } catch (MinioException e) {
            throw failure("sign " + operation + " " + location(key), e);
        }
    }

    @Override
    public String location(String key) {
        return "s3://" + bucket + "/" + object(key);
    }

    private StoreException failure(String what, Exception e) {
        String detail;
        if (e instanceof ErrorResponseException response && response.errorResponse() != null) {
            String code = response.errorResponse().code();
            detail = code + ": " + response.errorResponse().message();
            if ("InvalidAccessKeyId".equals(code)
                    || "SignatureDoesNotMatch".equals(code)
                    || "AccessDenied".equals(code)) {
                detail += " (check the store's access key and secret key, and that they may use bucket " + bucket + ")";
            }
        } else {
            detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new StoreException("cannot " + what + " at " + endpoint + ": " + detail, e);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) + " at " + endpoint;
    }
}
