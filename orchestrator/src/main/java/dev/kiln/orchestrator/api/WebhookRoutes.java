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

    private static String sha256(byte[] body) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** The forge's id of a delivery: GitHub (and Gitea), GitLab, Gitea, Bitbucket; empty when none is sent. */
    private static String deliveryId(RoutingContext ctx) {
        for (String header : List.of(
                "X-GitHub-Delivery", "X-Gitlab-Event-UUID", "X-Gitea-Delivery", "X-Request-UUID", "Idempotency-Key")) {
            String value = ctx.request().getHeader(header);
            if (value != null && !value.isBlank()) {
                String id = value.strip();
                return id.length() > 200 ? id.substring(0, 200) : id;
            }
        }
        return "";
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
            if (pushes.isEmpty()) {
                Responses.send(ctx, 202, Map.of("pushes", 0));
                return;
            }
            List<String> keys = new java.util.ArrayList<>();
            keys.add("sha256:" + sha256(body));
            String delivery = deliveryId(ctx);
            if (!delivery.isEmpty()) {
                keys.add("id:" + delivery);
            }
            orchestrator.firstDelivery(name, keys).onComplete(first -> {
                if (first.failed()) {
                    Responses.error(ctx, first.cause());
                    return;
                }
                if (!first.result()) {
                    Responses.error(
                            ctx,
                            new DuplicateDeliveryException("this delivery"
                                    + (delivery.isEmpty() ? "" : " (" + delivery + ")")
                                    + " was received before, and a delivery is run once; to run its commit again,"
                                    + " start it on purpose: kiln runs start " + name + " --ref REF"));
                    return;
                }
                for (PushEvent push : pushes) {
                    orchestrator
                            .push(repo, push, Trigger.WEBHOOK)
                            .onSuccess(run -> run.ifPresent(
                                    id -> orchestrator.metrics().webhookStartedRun(arrived, java.time.Instant.now())))
                            .onFailure(e -> LOG.warn("push to {} of {} not run: {}", push.ref(), name, e.getMessage()));
                }
                Responses.send(ctx, 202, Map.of("pushes", pushes.size()));
            });
        } catch (RuntimeException e) {
            Responses.error(ctx, e);
        }
    }
}
