package dev.kiln.orchestrator.core;

import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.orchestrator.state.StateStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job logs: lines in the database while a job runs and for small logs; a log past {@link #ARCHIVE_CHARS} is moved to
 * the object store ({@code logs/<job>.log}) once its job has ended. Readers see the same lines either way.
 */
public final class LogArchive {
    /** Logs longer than this (in characters) leave the database when their job ends. */
    static final int ARCHIVE_CHARS = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(LogArchive.class);

    private final Context context;
    private final StateStore store;
    private final ArtifactStore objects;

    /** Logs in a store, archived to an object store. */
    public LogArchive(Context context, StateStore store, ArtifactStore objects) {
        this.context = context;
        this.store = store;
        this.objects = objects;
    }

    /** A job's lines from {@code from} on, at most {@code limit}, wherever they are. */
    public Future<List<String>> read(String jobId, long from, int limit) {
        return store.logObject(jobId)
                .compose(key -> key.isEmpty()
                        ? store.log(jobId, from, limit)
                        : context.executeBlocking(() -> readObject(key.get(), from, limit)));
    }

    /** Moves an ended job's log to the object store when it is long; a failure leaves it in the database. */
    Future<Void> archiveIfLong(String jobId) {
        return store.logSize(jobId)
                .compose(chars -> chars <= ARCHIVE_CHARS
                        ? Future.succeededFuture()
                        : store.log(jobId, 0, Integer.MAX_VALUE).compose(lines -> archive(jobId, lines)));
    }

    private Future<Void> archive(String jobId, List<String> lines) {
        String key = "logs/" + jobId + ".log";
        return context.<Void>executeBlocking(() -> {
                    Path file = Files.createTempFile("kiln-log", ".log");
                    try {
                        Files.write(file, lines, StandardCharsets.UTF_8);
                        objects.put(key, file);
                    } finally {
                        Files.deleteIfExists(file);
                    }
                    return null;
                })
                .compose(v -> store.archiveLog(jobId, key))
                .onFailure(e -> LOG.warn("the log of job {} stays in the database: {}", jobId, e.getMessage()));
    }

    private List<String> readObject(String key, long from, int limit) {
        List<String> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(objects.get(key), StandardCharsets.UTF_8))) {
            String line;
            long number = 0;
            while ((line = in.readLine()) != null && out.size() < limit) {
                if (number++ >= from) {
                    out.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the archived log " + key, e);
        }
        return out;
    }
}
