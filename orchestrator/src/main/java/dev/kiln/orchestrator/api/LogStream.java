package dev.kiln.orchestrator.api;

import dev.kiln.model.job.LogBatch;
import dev.kiln.orchestrator.core.LogArchive;
import dev.kiln.orchestrator.core.LogHub;
import dev.kiln.orchestrator.state.JobRecord;
import dev.kiln.orchestrator.state.StateStore;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Consumer;

/**
 * A job's log as server-sent events: the stored lines from {@code from} on, then each new line as it is saved,
 * until the job ends ({@code event: end}). Each line is an event whose id is its line number. The stored lines are
 * read a page at a time, the next page once the client has taken the last (a slow reader holds one page, not the
 * log); a live batch is written only when it follows the last line written, else the pages catch up first.
 */
final class LogStream {
    /** Lines read from the store at a time. */
    private static final int PAGE = 2000;

    private final HttpServerResponse response;
    private final String id;
    private final LogArchive archive;
    private final boolean open;
    /** The next line to write. */
    private long next;
    /** Whether stored lines are being read; live batches wait for them. */
    private boolean paging;
    /** Whether the job ended while the pages were read. */
    private boolean ended;

    private LogStream(HttpServerResponse response, String id, LogArchive archive, boolean open, long from) {
        this.response = response;
        this.id = id;
        this.archive = archive;
        this.open = open;
        this.next = from;
    }

    static void serve(RoutingContext ctx, StateStore store, LogHub logs, LogArchive archive, StreamSlots slots) {
        String id = ctx.pathParam("id");
        long from;
        try {
            from = Responses.number(ctx, "from", 0, 0, Long.MAX_VALUE);
        } catch (RuntimeException e) {
            Responses.error(ctx, e);
            return;
        }
        store.job(id).onFailure(e -> Responses.error(ctx, e)).onSuccess(job -> {
            if (job.isEmpty()) {
                Responses.error(ctx, new NotFoundException("no job " + id));
                return;
            }
            if (!slots.take()) {
                Responses.error(
                        ctx,
                        new UnavailableException("this orchestrator serves " + StreamSlots.MAX
                                + " live streams already; try again later"));
                return;
            }
            HttpServerResponse response = ctx.response()
                    .setChunked(true)
                    .putHeader("Content-Type", "text/event-stream")
                    .putHeader("Cache-Control", "no-cache");
            JobRecord found = job.get();
            LogStream stream =
                    new LogStream(response, id, archive, found.endedAt().isEmpty(), from);
            java.util.List<Runnable> cleanups = new java.util.ArrayList<>();
            cleanups.add(slots::give);
            if (stream.open) {
                Consumer<LogBatch> follower = stream::live;
                Runnable ended = stream::jobEnded;
                logs.follow(id, follower, ended);
                // a comment line while the job is quiet keeps the connection from looking idle
                long timer = ctx.vertx().setPeriodic(EventStream.KEEP_ALIVE_MS, t -> {
                    if (!response.ended() && !response.closed()) {
                        response.write(": alive\n\n");
                    }
                });
                cleanups.add(() -> logs.unfollow(id, follower, ended));
                cleanups.add(() -> ctx.vertx().cancelTimer(timer));
            }
            // once, whether the stream ends (the job ended) or its connection closes first
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Runnable cleanup = () -> {
                if (done.compareAndSet(false, true)) {
                    cleanups.forEach(Runnable::run);
                }
            };
            response.closeHandler(v -> cleanup.run());
            response.endHandler(v -> cleanup.run());
            stream.page();
        });
    }

    /** Reads and writes the next page of stored lines; when none is left, the stream is live (or ends). */
    private void page() {
        paging = true;
        long from = next;
        archive.read(id, from, PAGE).onComplete(done -> {
            if (response.ended() || response.closed()) {
                return;
            }
            List<String> lines = done.succeeded() ? done.result() : List.of();
            write(from, lines);
            if (lines.isEmpty()) {
                paging = false;
                if (!open || ended) {
                    end();
                }
            } else if (response.writeQueueFull()) {
                response.drainHandler(v -> page());
            } else {
                page();
            }
        });
    }

    private void live(LogBatch batch) {
        if (paging) {
            return; // saved before it was published: the pages read it
        }
        if (batch.firstLine() > next) {
            page(); // lines between are saved: read them first
            return;
        }
        if (response.writeQueueFull()) {
            // a slow reader: what comes meanwhile is read from the store once it has taken what it was sent
            paging = true;
            response.drainHandler(v -> page());
            return;
        }
        write(batch.firstLine(), batch.lines());
    }

    private void jobEnded() {
        ended = true;
        if (!paging) {
            page(); // the last lines, then the end
        }
    }

    private void end() {
        if (!response.ended() && !response.closed()) {
            response.end("event: end\ndata: \n\n");
        }
    }

    /** Writes the lines not yet sent (a batch may overlap what a page sent). */
    private void write(long firstLine, List<String> lines) {
        if (response.ended() || response.closed()) {
            return;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            long number = firstLine + i;
            if (number < next) {
                continue;
            }
            out.append("id: ").append(number).append('\n');
            out.append("data: ").append(lines.get(i).replace("\r", "")).append("\n\n");
            next = number + 1;
        }
        if (out.length() > 0) {
            response.write(out.toString());
        }
    }
}
