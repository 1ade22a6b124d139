package dev.kiln.orchestrator.api;

import dev.kiln.model.api.Trigger;
import dev.kiln.orchestrator.core.Orchestrator;
import dev.kiln.orchestrator.state.Repository;
import dev.kiln.orchestrator.trigger.PushEvent;
import dev.kiln.orchestrator.trigger.Webhooks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/webhooks/{repository}}: a forge's push delivery, verified by its signature or token (no API
 * token), answered at once with 202 and run afterwards.
 */
final class WebhookRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);

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
            Repository repo = orchestrator
                    .repository(name)
                    .orElseThrow(() -> new NotFoundException("no repository named " + name));
            Map<String, String> headers = new HashMap<>();
            ctx.request().headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
            byte[] body = ctx.body().buffer() == null
                    ? new byte[0]
                    : ctx.body().buffer().getBytes();
            List<PushEvent> pushes =
                    Webhooks.read(headers, body, repo.webhookSecret().orElse(null));
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
