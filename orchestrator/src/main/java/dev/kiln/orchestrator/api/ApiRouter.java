package dev.kiln.orchestrator.api;

import dev.kiln.model.api.Health;
import dev.kiln.model.api.HealthStatus;
import dev.kiln.model.api.Principal;
import dev.kiln.model.api.Role;
import dev.kiln.orchestrator.access.Permissions;
import dev.kiln.orchestrator.access.Tokens;
import dev.kiln.orchestrator.access.Users;
import dev.kiln.orchestrator.core.AgentDesk;
import dev.kiln.orchestrator.core.JobReports;
import dev.kiln.orchestrator.core.LogArchive;
import dev.kiln.orchestrator.core.LogHub;
import dev.kiln.orchestrator.core.Orchestrator;
import dev.kiln.orchestrator.state.StateStore;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The API's routes: open ones first, then the token check, then the rest. */
public final class ApiRouter {
    private ApiRouter() {}

    /** A router for an orchestrator. */
    public static Router create(
            Vertx vertx,
            Orchestrator orchestrator,
            AgentDesk desk,
            StateStore store,
            Tokens tokens,
            Users users,
            LogHub logs,
            LogArchive archive,
            JobReports reports,
            DeployRoutes.Parts deploys,
            java.util.function.BooleanSupplier ready) {
        Router router = Router.router(vertx);
        router.route("/api/*").handler(BodyHandler.create().setBodyLimit(16 * 1024 * 1024));
        Buffer openapi = openapi();
        router.get("/api/v1/health")
                .handler(ctx -> Responses.send(
                        ctx,
                        ready.getAsBoolean() ? 200 : 503,
                        new Health(ready.getAsBoolean() ? HealthStatus.OK : HealthStatus.STARTING)));
        router.get("/api/v1/openapi.yaml")
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", "application/yaml")
                        .end(openapi));
        new WebhookRoutes(orchestrator).mount(router);
        UserRoutes userRoutes = new UserRoutes(vertx, users, tokens);
        userRoutes.mountOpen(router);
        router.route("/api/v1/*").handler(ctx -> authenticate(ctx, tokens));
        router.get("/metrics").handler(ctx -> authenticate(ctx, tokens));
        router.get("/metrics")
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", orchestrator.metrics().contentType())
                        .end(orchestrator.metrics().scrape()));
        userRoutes.mount(router);
        router.get("/api/v1/events").handler(ctx -> EventStream.serve(ctx, vertx, orchestrator.events()));
        new RunRoutes(orchestrator, store, logs, archive, reports).mount(router);
        new AgentRoutes(desk).mount(router);
        new DeployRoutes(deploys.environments(), deploys.store(), deploys.desk()).mount(router);
        router.route("/api/*")
                .last()
                .handler(ctx -> Responses.error(
                        ctx,
                        new NotFoundException("no such API call: "
                                + ctx.request().method() + " " + ctx.request().path() + "; see /api/v1/openapi.yaml")));
        return router;
    }

    /** Finds who the token speaks for, then lets the call through if that role may make it. */
    private static void authenticate(RoutingContext ctx, Tokens tokens) {
        String token = UserRoutes.bearer(ctx);
        if (token.isEmpty()) {
            Responses.error(
                    ctx,
                    new UnauthorizedException(
                            "this call needs a token: send Authorization: Bearer TOKEN (kiln up wrote one to ~/.kiln/config)"));
            return;
        }
        tokens.principal(token).onComplete(done -> {
            if (done.failed()) {
                Responses.error(ctx, done.cause());
            } else if (done.result().isEmpty()) {
                Responses.error(
                        ctx,
                        new UnauthorizedException("the token is not valid here (unknown, or a login that expired)"));
            } else {
                Principal principal = done.result().get();
                // the path the router matches (dot segments, repeated slashes and escaped letters resolved), not
                // the path as sent: /api/v1//users and /api/v1/u%73ers reach the same handler as /api/v1/users
                String path = ctx.normalizedPath();
                Role needed = Permissions.needed(ctx.request().method().name(), path);
                if (!principal.role().covers(needed)) {
                    Responses.error(
                            ctx,
                            new ForbiddenException(principal.name() + " is "
                                    + principal.role().withArticle()
                                    + "; " + ctx.request().method() + " "
                                    + path + " needs "
                                    + needed.withArticle() + (needed == Role.ADMIN ? "" : " or an admin")));
                    return;
                }
                ctx.put(UserRoutes.PRINCIPAL, principal);
                ctx.next();
            }
        });
    }

    private static Buffer openapi() {
        try (InputStream in = ApiRouter.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the orchestrator's jar");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
