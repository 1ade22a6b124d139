package dev.kiln.orchestrator.api;

import dev.kiln.model.job.LogBatch;
import dev.kiln.orchestrator.core.LogArchive;
import dev.kiln.orchestrator.core.LogHub;
import dev.kiln.orchestrator.state.JobRecord;
import dev.kiln.orchestrator.state.StateStore;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A job's log as server-sent events: the stored lines from {@code from} on, then each new line as it is saved,
 * until the job ends ({@code event: end}). Each line is an event whose id is its line number.
 */
final class LogStream {
    private LogStream() {}

    static void serve(RoutingContext ctx, StateStore store, LogHub logs, LogArchive archive) {
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
            HttpServerResponse response = ctx.response()
                    .setChunked(true)
                    .putHeader("Content-Type", "text/event-stream")
                    .putHeader("Cache-Control", "no-cache");
            AtomicLong next = new AtomicLong(from);
            Consumer<LogBatch> follower = batch -> write(response, batch.firstLine(), batch.lines(), next);
            Runnable ended = () -> {
                if (!response.ended()) {
                    response.end("event: end\ndata: \n\n");
                }
            };
            JobRecord found = job.get();
            boolean open = found.endedAt().isEmpty();
            if (open) {
                logs.follow(id, follower, ended);
                // a comment line while the job is quiet keeps the connection from looking idle
                long timer = ctx.vertx().setPeriodic(EventStream.KEEP_ALIVE_MS, t -> {
                    if (!response.ended() && !response.closed()) {
                        response.write(": alive\n\n");
                    }
                });
                response.closeHandler(v -> {
                    logs.unfollow(id, follower, ended);
                    ctx.vertx().cancelTimer(timer);
                });
                response.endHandler(v -> ctx.vertx().cancelTimer(timer));
            }
            archive.read(id, from, Integer.MAX_VALUE).onComplete(done -> {
                if (done.succeeded()) {
                    write(response, from, done.result(), next);
                }
                if (!open) {
                    ended.run();
                }
            });
        });
    }

    /** Writes the lines not yet sent (a batch may overlap what the backlog sent). */
    private static void write(HttpServerResponse response, long firstLine, List<String> lines, AtomicLong next) {
        if (response.ended() || response.closed()) {
            return;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            long number = firstLine + i;
            if (number < next.get()) {
                continue;
            }
            out.append("id: ").append(number).append('\n');
            out.append("data: ").append(lines.get(i).replace("\r", "")).append("\n\n");
            next.set(number + 1);
        }
        if (out.length() > 0) {
            response.write(out.toString());
        }
    }
}
