package dev.kiln.kit.store;

import io.minio.AbortMultipartUploadArgs;
import io.minio.CompleteMultipartUploadArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.MinioAsyncClient;
import io.minio.UploadPartArgs;
import io.minio.UploadPartResponse;
import io.minio.messages.Part;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A large file as an S3 multipart upload whose parts travel at once, a few at a time: one stream per part, so the
 * client's hashing and the server's writing of one part overlap the others'.
 */
final class ParallelUpload {
    /** Parts in flight at once. */
    static final int PARALLEL = 4;

    private ParallelUpload() {}

    static void upload(MinioAsyncClient client, String bucket, String object, Path file, long size, long partSize)
            throws IOException, ExecutionException, InterruptedException {
        String uploadId = client.createMultipartUpload(CreateMultipartUploadArgs.builder()
                        .bucket(bucket)
                        .object(object)
                        .build())
                .get()
                .result()
                .uploadId();
        int count = (int) ((size + partSize - 1) / partSize);
        Part[] parts = new Part[count];
        List<RandomAccessFile> open = new ArrayList<>();
        try {
            for (int first = 0; first < count; first += PARALLEL) {
                List<CompletableFuture<UploadPartResponse>> inFlight = new ArrayList<>();
                for (int i = first; i < Math.min(count, first + PARALLEL); i++) {
                    long offset = i * partSize;
                    byte[] bytes = new byte[(int) Math.min(partSize, size - offset)];
                    try (RandomAccessFile part = new RandomAccessFile(file.toFile(), "r")) {
                        part.seek(offset);
                        part.readFully(bytes);
                    }
                    inFlight.add(client.uploadPart(UploadPartArgs.builder()
                            .bucket(bucket)
                            .object(object)
                            .uploadId(uploadId)
                            .partNumber(i + 1)
                            .data(bytes, bytes.length)
                            .build()));
                }
                for (int i = 0; i < inFlight.size(); i++) {
                    parts[first + i] = inFlight.get(i).get().part();
                }
                for (RandomAccessFile part : open) {
                    part.close();
                }
                open.clear();
            }
            client.completeMultipartUpload(CompleteMultipartUploadArgs.builder()
                            .bucket(bucket)
                            .object(object)
                            .uploadId(uploadId)
                            .parts(parts)
                            .build())
                    .get();
        } catch (IOException | ExecutionException | InterruptedException | RuntimeException e) {
            for (RandomAccessFile part : open) {
                part.close();
            }
            try {
                client.abortMultipartUpload(AbortMultipartUploadArgs.builder()
                                .bucket(bucket)
                                .object(object)
                                .uploadId(uploadId)
                                .build())
                        .get();
            } catch (ExecutionException | RuntimeException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
    }
}
