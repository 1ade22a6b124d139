package dev.kiln.orchestrator.api;

import dev.kiln.model.api.Health;
import dev.kiln.model.api.HealthStatus;
import dev.kiln.model.api.Principal;
import dev.kiln.model.api.Role;
import dev.kiln.orchestrator.access.Caller;
import dev.kiln.orchestrator.access.LoginThrottle;
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
    /** The most a forge's delivery may hold: GitHub caps its payloads at 25 MB. */
    static final long WEBHOOK_BODY = 25L * 1024 * 1024;
    /** The most an agent's call may hold (a batch of log lines at most). */
    static final long AGENT_BODY = 16L * 1024 * 1024;
    /** The most any other call with a token may hold. */
    static final long CALL_BODY = 1024L * 1024;
    /** The most a login may hold. */
    static final long LOGIN_BODY = 64L * 1024;

    /** How long health waits for the database's answer to a trivial query. */
    static final long HEALTH_DATABASE_MILLIS = 2000;

    private ApiRouter() {}

    /**
     * 200 when it leads and its database answers a trivial query within {@link #HEALTH_DATABASE_MILLIS}; 503 while
     * starting or on standby, and 503 {@code database-unavailable} when the database does not answer in time, so that
     * a load balancer or a supervisor sees what callers would meet.
     */
    private static void health(
            Vertx vertx,
            io.vertx.ext.web.RoutingContext ctx,
            StateStore store,
            java.util.function.BooleanSupplier ready) {
        if (!ready.getAsBoolean()) {
            Responses.send(ctx, 503, new Health(HealthStatus.STARTING));
            return;
        }
        io.vertx.core.Promise<HealthStatus> answer = io.vertx.core.Promise.promise();
        long timer = vertx.setTimer(HEALTH_DATABASE_MILLIS, t -> answer.tryComplete(HealthStatus.DATABASE_UNAVAILABLE));
        store.ping().onComplete(done -> {
            vertx.cancelTimer(timer);
            answer.tryComplete(done.succeeded() ? HealthStatus.OK : HealthStatus.DATABASE_UNAVAILABLE);
        });
        answer.future()
                .onSuccess(status -> Responses.send(ctx, status == HealthStatus.OK ? 200 : 503, new Health(status)));
    }

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
            java.util.function.BooleanSupplier ready,
            java.util.function.BooleanSupplier fenced) {
        Router router = Router.router(vertx);
        // fenced (its leader lease could not be renewed): nothing is done or answered from memory that may be stale
        router.route().handler(ctx -> {
            if (fenced.getAsBoolean()) {
                if (ctx.normalizedPath().equals("/api/v1/health")) {
                    Responses.send(ctx, 503, new Health(HealthStatus.DATABASE_UNAVAILABLE));
                } else {
                    ctx.response().putHeader("Retry-After", "2");
                    Responses.error(
                            ctx,
                            new UnavailableException("this orchestrator cannot renew its leader lease"
                                    + " (its database does not answer); it answers again once it can: try again soon"));
                }
                return;
            }
            ctx.next();
        });
        router.errorHandler(413, ctx -> Responses.error(ctx, new TooLargeException(tooLarge(ctx))));
        Buffer openapi = openapi();
        router.get("/api/v1/health").handler(ctx -> health(vertx, ctx, store, ready));
        router.get("/api/v1/openapi.yaml")
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", "application/yaml")
                        .end(openapi));
        // the calls open to anyone read a body of their own size; all others only once the token is checked
        router.post("/api/v1/webhooks/:repository").handler(bodies(WEBHOOK_BODY));
        new WebhookRoutes(orchestrator).mount(router);
        UserRoutes userRoutes = new UserRoutes(vertx, users, tokens, new LoginThrottle(java.time.Clock.systemUTC()));
        router.post("/api/v1/sessions").handler(bodies(LOGIN_BODY));
        userRoutes.mountOpen(router);
        BodyHandler agentBodies = bodies(AGENT_BODY);
        BodyHandler callBodies = bodies(CALL_BODY);
        router.route("/api/v1/*").handler(ctx -> authenticate(ctx, tokens));
        router.route("/api/v1/*")
                .handler(ctx -> (bodyLimit(ctx.request().method().name(), ctx.normalizedPath()) == AGENT_BODY
                                ? agentBodies
                                : callBodies)
                        .handle(ctx));
        router.get("/metrics").handler(ctx -> authenticate(ctx, tokens));
        router.get("/metrics").handler(callBodies);
        router.get("/metrics")
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", orchestrator.metrics().contentType())
                        .end(orchestrator.metrics().scrape()));
        userRoutes.mount(router);
        StreamSlots streams = new StreamSlots(StreamSlots.MAX);
        router.get("/api/v1/events").handler(ctx -> EventStream.serve(ctx, vertx, orchestrator.events(), streams));
        new RunRoutes(orchestrator, store, logs, archive, reports, streams).mount(router);
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

    /** A body handler that keeps bodies in memory up to {@code limit} bytes and never writes an upload to disk. */
    private static BodyHandler bodies(long limit) {
        return BodyHandler.create(false).setBodyLimit(limit);
    }

    /** The most a call's body may hold: what each body handler above was made with. */
    static long bodyLimit(String method, String path) {
        if (path.startsWith("/api/v1/webhooks/")) {
            return WEBHOOK_BODY;
        }
        if (path.equals("/api/v1/sessions")) {
            return LOGIN_BODY;
        }
        return Permissions.needed(method, path) == Role.AGENT ? AGENT_BODY : CALL_BODY;
    }

    private static String tooLarge(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        long limit = bodyLimit(ctx.request().method().name(), path);
        return "the body of " + ctx.request().method() + " " + path + " may be at most " + limit / 1024
                + " KiB; send less";
    }

    /** Refuses a call without reading its body. */
    private static void refuse(RoutingContext ctx, Throwable why) {
        Responses.error(ctx, why);
        if (!ctx.request().isEnded()) {
            // what was sent is read and dropped, never kept
            ctx.request().resume();
        }
    }

    /** Finds who the token speaks for, then lets the call through if that role may make it. */
    private static void authenticate(RoutingContext ctx, Tokens tokens) {
        String token = UserRoutes.bearer(ctx);
        if (token.isEmpty()) {
            refuse(
                    ctx,
                    new UnauthorizedException(
                            "this call needs a token: send Authorization: Bearer TOKEN (kiln up wrote one to ~/.kiln/config)"));
            return;
        }
        // nothing of the body is read until the token is known: the body handler that follows resumes the request
        ctx.request().pause();
        tokens.caller(token).onComplete(done -> {
            if (done.failed()) {
                refuse(ctx, done.cause());
            } else if (done.result().isEmpty()) {
                refuse(
                        ctx,
                        new UnauthorizedException("the token is not valid here (unknown, or a login that expired)"));
            } else {
                Caller caller = done.result().get();
                Principal principal = caller.principal();
                // the path the router matches (dot segments, repeated slashes and escaped letters resolved), not
                // the path as sent: /api/v1//users and /api/v1/u%73ers reach the same handler as /api/v1/users
                String path = ctx.normalizedPath();
                Role needed = Permissions.needed(ctx.request().method().name(), path);
                if (!principal.role().covers(needed)) {
                    refuse(
                            ctx,
                            new ForbiddenException(principal.name() + " is "
                                    + principal.role().withArticle()
                                    + "; " + ctx.request().method() + " "
                                    + path + " needs "
                                    + needed.withArticle() + (needed == Role.ADMIN ? "" : " or an admin")));
                    return;
                }
                ctx.put(UserRoutes.PRINCIPAL, principal);
                ctx.put(UserRoutes.CALLER, caller);
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
