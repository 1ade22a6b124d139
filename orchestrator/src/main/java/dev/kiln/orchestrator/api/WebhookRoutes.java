package dev.kiln.orchestrator.api;

import dev.kiln.model.api.Trigger;
import dev.kiln.orchestrator.access.Tokens;
import dev.kiln.orchestrator.core.Orchestrator;
import dev.kiln.orchestrator.state.Repository;
import dev.kiln.orchestrator.trigger.PushEvent;
import dev.kiln.orchestrator.trigger.Webhooks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/webhooks/{repository}}: a forge's push delivery, verified by its signature or token (no API
 * token), answered at once with 202 and run afterwards.
 */
final class WebhookRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);

    /** Random, never stored or sent: verifies deliveries to repository names that are not registered. */
    private static final String UNMATCHABLE_SECRET = Tokens.generate();

    private final Orchestrator orchestrator;

    WebhookRoutes(Orchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    void mount(Router router) {
        router.post("/api/v1/webhooks/:repository").handler(this::deliver);
    }

    private void deliver(RoutingContext ctx) {
        java.time.Instant arrived = java.time.Instant.now();
        try {
            String name = ctx.pathParam("repository");
            Optional<Repository> known = orchestrator.repository(name);
            Map<String, String> headers = new HashMap<>();
            ctx.request().headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
            byte[] body = ctx.body().buffer() == null
                    ? new byte[0]
                    : ctx.body().buffer().getBytes();
            // A name that is not registered is checked against a secret no delivery can match, so it gets the
            // answer a registered repository gives to a delivery it cannot verify: the same 401 and words, in the
            // same time. Answering 404 would tell anyone which repository names exist.
            List<PushEvent> pushes = Webhooks.read(
                    headers,
                    body,
                    known.isPresent() ? known.get().webhookSecret().orElse(null) : UNMATCHABLE_SECRET);
            Repository repo = known.orElseThrow(
                    () -> new IllegalStateException("a delivery verified against a secret nobody has"));
            for (PushEvent push : pushes) {
                orchestrator
                        .push(repo, push, Trigger.WEBHOOK)
                        .onSuccess(run -> run.ifPresent(
                                id -> orchestrator.metrics().webhookStartedRun(arrived, java.time.Instant.now())))
                        .onFailure(e -> LOG.warn("push to {} of {} not run: {}", push.ref(), name, e.getMessage()));
            }
            Responses.send(ctx, 202, Map.of("pushes", pushes.size()));
        } catch (RuntimeException e) {
            Responses.error(ctx, e);
        }
    }
}
