package dev.kiln.orchestrator.core;

import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.kit.store.StoreException;
import dev.kiln.orchestrator.WorkPool;
import dev.kiln.orchestrator.state.StateStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job logs: lines in the database while a job runs and for small logs; a log past {@link #ARCHIVE_CHARS} is moved to
 * the object store ({@code logs/<job>.log}, with an index of where every {@link #INDEX_EVERY}th line starts in
 * {@code logs/<job>.idx}) once its job has ended. Readers see the same lines either way. Nothing here holds a whole
 * log: it is archived a page at a time, and a page is read from the nearest indexed line.
 */
public final class LogArchive {
    /** Logs longer than this (in characters) leave the database when their job ends. */
    static final int ARCHIVE_CHARS = 256 * 1024;

    /** Lines between two entries of an archived log's index. */
    static final int INDEX_EVERY = 1000;

    /** Lines read from the database at a time while archiving. */
    private static final int PAGE = 5000;

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

    /** A job's lines from {@code from} on, at most {@code limit} (a page may hold fewer), wherever they are. */
    public Future<List<String>> read(String jobId, long from, int limit) {
        return store.logObject(jobId)
                .compose(key -> key.isPresent()
                        ? readObject(key.get(), from, limit, context)
                        : store.log(jobId, from, limit)
                                .compose(lines -> lines.isEmpty()
                                        // archived between the two reads (its lines left the database): read it where
                                        // it went
                                        ? store.logObject(jobId)
                                                .compose(moved -> moved.isPresent()
                                                        ? readObject(moved.get(), from, limit, context)
                                                        : Future.succeededFuture(lines))
                                        : Future.succeededFuture(lines)));
    }

    private Future<List<String>> readObject(String key, long from, int limit, Context on) {
        return WorkPool.STORE.run(on, () -> readObject(key, from, limit));
    }

    /** Moves an ended job's log to the object store when it is long; a failure leaves it in the database. */
    Future<Void> archiveIfLong(String jobId) {
        return store.logSize(jobId)
                .compose(chars -> chars <= ARCHIVE_CHARS ? Future.succeededFuture() : archive(jobId));
    }

    private Future<Void> archive(String jobId) {
        String key = "logs/" + jobId + ".log";
        Path[] file = new Path[1];
        LogIndex index = new LogIndex();
        return WorkPool.STORE
                .run(context, () -> Files.createTempFile("kiln-log", ".log"))
                .compose(made -> {
                    file[0] = made;
                    return copy(jobId, made, 0, index);
                })
                .compose(v -> WorkPool.STORE.<Void>run(context, () -> {
                    objects.put(key, file[0]);
                    Path offsets = Files.createTempFile("kiln-log", ".idx");
                    try {
                        Files.writeString(offsets, index.text());
                        objects.put(indexKey(key), offsets);
                    } finally {
                        Files.deleteIfExists(offsets);
                    }
                    return null;
                }))
                .compose(v -> store.archiveLog(jobId, key))
                .onFailure(e -> LOG.warn("the log of job {} stays in the database: {}", jobId, e.getMessage()))
                .eventually(() -> file[0] == null
                        ? Future.succeededFuture()
                        : WorkPool.STORE.run(context, () -> Files.deleteIfExists(file[0])));
    }

    /** Appends the job's lines from {@code from} on to {@code file}, a page at a time. */
    private Future<Void> copy(String jobId, Path file, long from, LogIndex index) {
        return store.log(jobId, from, PAGE).compose(lines -> {
            if (lines.isEmpty()) {
                return Future.succeededFuture();
            }
            return WorkPool.STORE
                    .<Void>run(context, () -> {
                        try (OutputStream out =
                                Files.newOutputStream(file, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                            for (String line : lines) {
                                byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                                index.line(bytes.length);
                                out.write(bytes);
                            }
                        }
                        return null;
                    })
                    .compose(v -> copy(jobId, file, from + lines.size(), index));
        });
    }

    private List<String> readObject(String key, long from, int limit) {
        long[] start = startOf(key, from);
        List<String> out = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(objects.get(key, start[1]), StandardCharsets.UTF_8))) {
            String line;
            long number = start[0];
            long chars = 0;
            while ((line = in.readLine()) != null && out.size() < limit) {
                if (number++ >= from) {
                    if (!out.isEmpty() && chars + line.length() > StateStore.MAX_PAGE_CHARS) {
                        break;
                    }
                    out.add(line);
                    chars += line.length() + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the archived log " + key, e);
        }
        return out;
    }

    /** The indexed line at or before {@code from}, and the byte it starts at: line 0 when there is no index. */
    private long[] startOf(String key, long from) {
        List<Long> offsets;
        try (InputStream in = objects.get(indexKey(key))) {
            offsets = LogIndex.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | StoreException e) {
            offsets = List.of(); // archived before logs had an index: read from the start
        }
        int entry = (int) Math.min(from / INDEX_EVERY, offsets.size() - 1L);
        if (entry < 0) {
            return new long[] {0, 0};
        }
        return new long[] {(long) entry * INDEX_EVERY, offsets.get(entry)};
    }

    private static String indexKey(String logKey) {
        return logKey.substring(0, logKey.length() - ".log".length()) + ".idx";
    }
}
