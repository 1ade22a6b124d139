package dev.kiln.orchestrator.api;

import dev.kiln.orchestrator.core.RunEvents;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Every saved change as server-sent events ({@code event: run} or {@code event: deployment}, data its JSON), for
 * clients that show state live: they reload what changed instead of polling. A comment line every 15 s keeps idle
 * connections open through proxies. A reader too slow for the changes (its connection's write queue full) is
 * disconnected rather than buffered for without end: it reconnects and reloads, as after any break. At most
 * {@link StreamSlots#MAX} streams (events and logs) are open at once.
 */
final class EventStream {
    static final long KEEP_ALIVE_MS = 15_000;

    private EventStream() {}

    static void serve(RoutingContext ctx, Vertx vertx, RunEvents events, StreamSlots slots) {
        if (!slots.take()) {
            Responses.error(
                    ctx,
                    new UnavailableException(
                            "this orchestrator serves " + StreamSlots.MAX + " live streams already; try again later"));
            return;
        }
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache");
        response.write(": following\n\n");
        Runnable unfollow = events.follow(event -> {
            if (response.ended() || response.closed()) {
                return;
            }
            if (response.writeQueueFull()) {
                ctx.request().connection().close(); // too slow a reader: it reconnects and reloads
                return;
            }
            response.write("event: " + event.kind().wireName() + "\ndata: " + ApiJson.write(event) + "\n\n");
        });
        long timer = vertx.setPeriodic(KEEP_ALIVE_MS, id -> {
            if (!response.ended() && !response.closed()) {
                response.write(": alive\n\n");
            }
        });
        response.closeHandler(v -> {
            unfollow.run();
            vertx.cancelTimer(timer);
            slots.give();
        });
    }
}
